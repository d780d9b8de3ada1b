namespace Readiness.Calibration;

/// <summary>One fixed-effect coefficient of a calibration model.</summary>
/// <param name="Name">
/// <c>(Intercept)</c>, <c>competency:&lt;id&gt;</c> or <c>source:&lt;Source&gt;</c>. Treatment contrasts: the first competency
/// present (in model order) and the first source present (in <see cref="Evidence.RaterSource"/> order) are the references.
/// </param>
/// <param name="Estimate">The coefficient, in scale points.</param>
/// <param name="StandardError">Its standard error.</param>
public sealed record FixedEffect(string Name, double Estimate, double StandardError);

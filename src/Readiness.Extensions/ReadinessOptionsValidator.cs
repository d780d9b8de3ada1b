using Microsoft.Extensions.Options;
using Readiness.Calibration;

namespace Readiness;

/// <summary>
/// Checks <see cref="ReadinessOptions"/> at start-up and reports every broken rule at once, each named by its configuration
/// key (<c>Readiness:Scoring:ReadyNowMinimumIndex was 120; it must be in [0, 100].</c>): a typo in a threshold stops the
/// host instead of surfacing as a wrong promotion list.
/// </summary>
internal sealed class ReadinessOptionsValidator : IValidateOptions<ReadinessOptions>
{
    /// <summary>The configuration section the options are documented under; messages use it as the key prefix.</summary>
    public const string Section = "Readiness";

    public ValidateOptionsResult Validate(string? name, ReadinessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Calibration is not { } calibration)
        {
            problems.Add($"{Section}:Calibration must not be null.");
        }
        else
        {
            if (!calibration.Method.IsBuiltIn)
            {
                problems.Add($"{Section}:Calibration:Method was '{calibration.Method}'; it must be one of {string.Join(", ", CalibrationMethod.BuiltIn)} (a calibrator of your own is registered as the IRatingCalibrator service before AddReadiness, not named here).");
            }

            Nested(problems, "Calibration:Crossed", calibration.Crossed, c => c.ToCrossedModelOptions().Validate());
            Nested(problems, "Calibration:Rasch", calibration.Rasch, r => r.ToRaschOptions().Validate());
        }

        Nested(problems, "Scoring", options.Scoring, s => s.ToScoringOptions().Validate());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Core's own rules for a group of settings, one message per broken rule, each under the setting's key.</summary>
    private static void Nested<T>(List<string> problems, string key, T? settings, Func<T, IEnumerable<string>> validate)
        where T : class
    {
        if (settings is null)
        {
            problems.Add($"{Section}:{key} must not be null.");
            return;
        }

        // Core's messages start with the property's name ("MaxStep was 20; …"), which is the key's last part.
        problems.AddRange(validate(settings).Select(p => $"{Section}:{key}:{p}"));
    }
}

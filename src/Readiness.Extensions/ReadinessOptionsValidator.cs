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

            if (!Enum.IsDefined(calibration.CrossedModelPath))
            {
                problems.Add($"{Section}:Calibration:CrossedModelPath was {(int)calibration.CrossedModelPath}; it must be one of {string.Join(", ", Enum.GetNames<CrossedModelPath>())}.");
            }
        }

        if (options.Scoring is not { } scoring)
        {
            problems.Add($"{Section}:Scoring must not be null.");
        }
        else
        {
            // Core's own rules, one message per broken rule, each starting with the property's name.
            problems.AddRange(scoring.ToScoringOptions().Validate().Select(p => $"{Section}:Scoring:{p}"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

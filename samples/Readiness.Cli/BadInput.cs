using CsvHelper;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>The input failures every verb that reads ratings reports as one line and exit code 2.</summary>
internal static class BadInput
{
    /// <summary>Whether the exception means the user's input cannot be used (as opposed to a defect, which should surface).</summary>
    /// <param name="e">The exception.</param>
    /// <param name="arguments">Whether a refused argument (an option or a Core rule such as a minimum sample) counts too.</param>
    public static bool Is(Exception e, bool arguments = false) =>
        e is RatingsCsvException or InsufficientRatingsException or CalibrationBudgetException or ReadinessJsonException or ReadinessValidationException
            or CsvHelperException or IOException or UnauthorizedAccessException
        || (arguments && e is ArgumentException);

    /// <summary>Writes the one-line message and returns the exit code.</summary>
    public static int Report(Exception e, TextWriter error, string? file = null)
    {
        var message = e is CsvHelperException ? "the file is not valid CSV (check quotes around cells)" : e.Message.Split('\n')[0].TrimEnd();
        error.WriteLine(file is null ? $"error: {message}" : $"error: {file}: {message}");
        return WeightsVerb.BadInput;
    }
}

using CsvHelper;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Files;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>The input failures every verb that reads ratings reports as one line and exit code 2.</summary>
internal static class BadInput
{
    /// <summary>Whether the exception means the user's input cannot be used (as opposed to a defect, which should surface).</summary>
    /// <param name="e">The exception.</param>
    /// <param name="arguments">Whether a refused argument (an option or a Core rule such as a minimum sample) counts too.</param>
    public static bool Is(Exception e, bool arguments = false) =>
        e is InputFileException or TableFileException or InsufficientRatingsException or CalibrationBudgetException or ReadinessJsonException
            or ReadinessValidationException or CsvHelperException or IOException or UnauthorizedAccessException
        || (arguments && e is ArgumentException);

    /// <summary>
    /// Refuses a run whose outputs would overwrite one of its inputs (calibrate --model model.json --out . once replaced the
    /// user's model with its own model.json), and records the inputs in the run's manifest. Every verb calls it once with
    /// all its inputs, before reading them.
    /// </summary>
    /// <exception cref="InputFileException">An output has an input's path.</exception>
    public static void RefuseOverwrite(DirectoryInfo output, IEnumerable<string> outputs, params FileInfo?[] inputs)
    {
        foreach (var name in outputs.Append(RunManifest.FileName))
        {
            var path = Path.GetFullPath(Path.Combine(output.FullName, name));
            if (inputs.FirstOrDefault(i => i is not null && string.Equals(Path.GetFullPath(i.FullName), path, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)) is { } input)
            {
                throw new InputFileException(input.Name, $"it is an input, and the run would write its {name} over it; choose another --out directory.");
            }
        }

        RunManifest.Current?.Inputs(inputs);
    }

    /// <summary>
    /// Writes the whole message (a list of problems stays a list), prefixed with the file it concerns — the one the exception
    /// names, else <paramref name="file"/> — and returns the exit code.
    /// </summary>
    public static int Report(Exception e, TextWriter error, string? file = null)
    {
        var message = e is CsvHelperException ? "the file is not valid CSV (check quotes around cells)" : e.Message.ReplaceLineEndings("\n").TrimEnd();
        file = e is InputFileException named ? named.File : file;
        error.WriteLine(file is null ? $"error: {message}" : $"error: {file}: {message}");
        return WeightsVerb.BadInput;
    }
}

/// <summary>An input file the run cannot use, with the file's name and everything wrong with it.</summary>
internal sealed class InputFileException(string file, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Gets the file's name as the user gave it (or the option, when the file is missing altogether).</summary>
    public string File { get; } = file;

    /// <summary>
    /// Reads an input; a file that is missing, unreadable or invalid (CSV structure, JSON, a model's rules) becomes an
    /// <see cref="InputFileException"/> naming it, with the reader's whole message.
    /// </summary>
    public static T Reading<T>(FileInfo file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputFileException(file.Name, "the file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TableFileException or System.Text.Json.JsonException or Readiness.Competencies.ReadinessValidationException)
        {
            throw new InputFileException(file.Name, e.Message, e);
        }
    }
}

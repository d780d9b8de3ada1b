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
        if (File.Exists(output.FullName))
        {
            throw new InputFileException("--out", $"'{output.FullName}' is a file; --out names a directory for the run's files.");
        }

        // Compared by their real paths: an --out reached through a symbolic link is the directory it points to.
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var real = inputs.Where(i => i is not null).Select(i => (Input: i!, Path: RealPath(i!.FullName))).ToArray();
        var directory = RealPath(output.FullName);
        foreach (var name in outputs.Append(RunManifest.FileName))
        {
            var path = Path.Combine(directory, name);
            if (real.FirstOrDefault(i => string.Equals(i.Path, path, comparison)).Input is { } input)
            {
                throw new InputFileException(input.Name, $"it is an input, and the run would write its {name} over it; choose another --out directory.");
            }
        }

        RunManifest.Current?.Inputs(inputs);
    }

    /// <summary>The path with every symbolic link along it resolved (as far as the path exists), the way the file system will resolve it.</summary>
    private static string RealPath(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (depth < 40 && entry.Exists && entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = RealPath(target.FullName, depth + 1);
            }
        }

        return current;
    }

    /// <summary>
    /// Writes the whole message (a list of problems stays a list), prefixed with the file it concerns — the one the exception
    /// names, else <paramref name="file"/> — and returns the exit code.
    /// </summary>
    public static int Report(Exception e, TextWriter error, string? file = null)
    {
        var message = e is CsvHelperException ? "the file is not valid CSV (check quotes around cells)" : e.Message.ReplaceLineEndings("\n").TrimEnd();

        // A library rule's message names the value and the rule; the parameter's name after it means nothing on a command line.
        if (e is ArgumentException { ParamName: { } parameter })
        {
            message = message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal);
        }

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

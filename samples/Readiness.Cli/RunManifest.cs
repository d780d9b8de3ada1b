using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Readiness.Cli;

/// <summary>
/// The record of one run, written beside its outputs as <c>manifest.json</c>: the verb and its arguments as given, the
/// library version, each input's SHA-256 and size (taken before it is read), each output's SHA-256 and size, and the
/// times. With the version and the arguments (defaults are fixed by the version) a decision can be reproduced and the
/// files it rested on proven unchanged — the record-keeping the EU AI Act asks of promotion decision support.
/// </summary>
/// <remarks>
/// One manifest per command line: <see cref="ReadinessCommand.Run"/> begins it, every verb names its inputs once (through
/// <see cref="BadInput.RefuseOverwrite"/>, before reading them), and <see cref="OutputStaging"/> writes it with the other
/// outputs, so it lands only when they do. Held per asynchronous flow, so runs in parallel (tests) keep their own.
/// </remarks>
internal sealed class RunManifest
{
    public const string FileName = "manifest.json";

    private static readonly AsyncLocal<RunManifest?> Running = new();

    private readonly string _verb;
    private readonly string[] _arguments;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly List<(FileInfo File, long Bytes, string Sha256)> _inputs = [];

    private RunManifest(string verb, string[] arguments) => (_verb, _arguments) = (verb, arguments);

    /// <summary>Gets the manifest of the run in progress on this flow, if a command line started one.</summary>
    public static RunManifest? Current => Running.Value;

    /// <summary>Starts the record of a command line; disposing the scope ends it.</summary>
    public static IDisposable Begin(string verb, string[] arguments)
    {
        Running.Value = new RunManifest(verb, [.. arguments]);
        return new Scope();
    }

    /// <summary>Gets the verb the command line ran.</summary>
    public string Verb => _verb;

    /// <summary>Whether <paramref name="path"/> is one of the run's inputs.</summary>
    public bool IsInput(string path) => _inputs.Any(i => string.Equals(Path.GetFullPath(i.File.FullName), Path.GetFullPath(path), StringComparison.Ordinal));

    /// <summary>Hashes the inputs as they are now, before the run reads them (missing ones are left to the reader to report).</summary>
    public void Inputs(IEnumerable<FileInfo?> files)
    {
        foreach (var file in files)
        {
            if (file is null || !file.Exists || _inputs.Any(i => i.File.FullName == file.FullName))
            {
                continue;
            }

            using var stream = file.OpenRead();
            if (!stream.CanSeek)
            {
                // A pipe (bash's <(…)) or a device can be read once; hashing it would leave nothing for the run to read.
                throw new InputFileException(file.Name, $"'{file.FullName}' is not a regular file (a pipe or a device): each input is read twice, once to record its hash in manifest.json and once to use it; save it to a file and give that.");
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            _inputs.Add((file, stream.Length, hash));
        }
    }

    /// <summary>Writes manifest.json into <paramref name="directory"/>, listing every other file there as an output.</summary>
    public void WriteTo(DirectoryInfo directory)
    {
        var outputs = directory.EnumerateFiles().Where(f => f.Name != FileName).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        using var stream = File.Create(Path.Combine(directory.FullName, FileName));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("tool", "readiness");
        json.WriteString("version", Version);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("verb", _verb);
        json.WriteStartArray("arguments");
        foreach (var argument in _arguments)
        {
            json.WriteStringValue(argument);
        }

        json.WriteEndArray();
        json.WriteString("started", _started.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteString("finished", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteStartArray("inputs");
        foreach (var (file, bytes, sha256) in _inputs)
        {
            json.WriteStartObject();
            json.WriteString("file", file.Name);
            json.WriteString("path", file.FullName);
            json.WriteNumber("bytes", bytes);
            json.WriteString("sha256", sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("outputs");
        foreach (var file in outputs)
        {
            using var content = file.OpenRead();
            json.WriteStartObject();
            json.WriteString("file", file.Name);
            json.WriteNumber("bytes", content.Length);
            json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The library's version as built (its informational version: the package version and commit).</summary>
    private static string Version =>
        typeof(Readiness.Evidence.RatingSet).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Running.Value = null;
    }
}

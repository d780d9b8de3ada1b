namespace Readiness.Cli;

/// <summary>
/// A verb's outputs written first into a hidden folder inside the output directory, then moved into place together once
/// every one is complete: a run that fails half-way (a full disk, an exception, a killed process) leaves the directory as
/// it was, with no half-written file that looks valid. The moves rename, so a symbolic link at a final path is replaced,
/// not followed; on Unix the folder and the files are the owner's alone (they hold personal data).
/// </summary>
internal sealed class OutputStaging : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A manifest lists a run's files: even thousands of slates stay far below this.</summary>
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    private readonly DirectoryInfo _output;
    private bool _committed;

    private OutputStaging(DirectoryInfo output)
    {
        _output = output;
        output.Create();
        var path = Path.Combine(output.FullName, $".readiness-partial-{Guid.NewGuid():N}");
        Directory = OperatingSystem.IsWindows() ? System.IO.Directory.CreateDirectory(path) : System.IO.Directory.CreateDirectory(path, OwnerOnly | UnixFileMode.UserExecute);
    }

    /// <summary>Gets the folder to write into.</summary>
    public DirectoryInfo Directory { get; }

    /// <summary>Starts writing the outputs of <paramref name="output"/>.</summary>
    public static OutputStaging Begin(DirectoryInfo output) => new(output);

    /// <summary>Writes a text output (UTF-8) with one of the library's writers.</summary>
    public void WriteText(string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(Path.Combine(Directory.FullName, name));
        write(writer);
    }

    /// <summary>Writes a JSON output with one of the library's writers.</summary>
    public void WriteStream(string name, Action<Stream> write)
    {
        using var stream = File.Create(Path.Combine(Directory.FullName, name));
        write(stream);
    }

    /// <summary>
    /// Adds the run's manifest, moves every file written into the output directory, replacing files of the same names,
    /// removes what an earlier run of the same verb listed in its manifest and this run did not write (a slate of a role
    /// no longer asked for would otherwise sit beside the new ones as if current), and removes the folder. Files no such
    /// manifest lists — the user's own, another verb's, this run's inputs — are never touched.
    /// </summary>
    public void Commit()
    {
        var earlier = EarlierOutputs();
        RunManifest.Current?.WriteTo(Directory);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles())
        {
            if (!OperatingSystem.IsWindows())
            {
                file.UnixFileMode = OwnerOnly;
            }

            written.Add(file.Name);
            file.MoveTo(Path.Combine(_output.FullName, file.Name), overwrite: true);
        }

        foreach (var path in earlier.Where(n => !written.Contains(n)).Select(n => Path.Combine(_output.FullName, n)))
        {
            if (RunManifest.Current?.IsInput(path) != true)
            {
                File.Delete(path);
            }
        }

        _committed = true;
        Directory.Delete(recursive: true);
    }

    /// <summary>
    /// The files the manifest of an earlier run of this verb in the output directory lists, with the manifest itself; none
    /// when this run keeps no manifest, when there is none, or when it is not one of ours (unreadable, larger than any
    /// manifest, of another verb, or naming anything but a file in this folder).
    /// </summary>
    private string[] EarlierOutputs()
    {
        var manifest = new FileInfo(Path.Combine(_output.FullName, RunManifest.FileName));
        if (RunManifest.Current is not { } current || !manifest.Exists || manifest.Length > MaxManifestBytes)
        {
            return [];
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest.FullName));
            var root = document.RootElement;
            if (!root.TryGetProperty("tool", out var tool) || tool.GetString() != "readiness"
                || !root.TryGetProperty("verb", out var verb) || verb.GetString() != current.Verb || !root.TryGetProperty("outputs", out var outputs))
            {
                return [];
            }

            var names = outputs.EnumerateArray().Select(o => o.GetProperty("file").GetString() ?? string.Empty).Append(RunManifest.FileName).ToArray();
            return names.All(n => n.Length > 0 && n == Path.GetFileName(n) && n is not ("." or "..")) ? names : [];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return [];
        }
    }


    /// <summary>Removes what was written when the run did not commit.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists)
        {
            Directory.Delete(recursive: true);
        }
    }
}

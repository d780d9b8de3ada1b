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

    /// <summary>
    /// Adds the run's manifest, moves every file written into the output directory, replacing files of the same names, and
    /// removes the folder.
    /// </summary>
    public void Commit()
    {
        RunManifest.Current?.WriteTo(Directory);
        foreach (var file in Directory.EnumerateFiles())
        {
            if (!OperatingSystem.IsWindows())
            {
                file.UnixFileMode = OwnerOnly;
            }

            file.MoveTo(Path.Combine(_output.FullName, file.Name), overwrite: true);
        }

        _committed = true;
        Directory.Delete(recursive: true);
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

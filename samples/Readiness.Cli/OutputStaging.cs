namespace Readiness.Cli;

/// <summary>
/// A verb's outputs written first into a hidden folder inside the output directory, then moved into place together once
/// every one is complete: a run that fails half-way (a full disk, an exception, a killed process) leaves the directory as
/// it was, with no half-written file that looks valid.
/// </summary>
internal sealed class OutputStaging : IDisposable
{
    private readonly DirectoryInfo _output;
    private bool _committed;

    private OutputStaging(DirectoryInfo output)
    {
        _output = output;
        output.Create();
        Directory = output.CreateSubdirectory($".readiness-partial-{Guid.NewGuid():N}");
    }

    /// <summary>Gets the folder to write into.</summary>
    public DirectoryInfo Directory { get; }

    /// <summary>Starts writing the outputs of <paramref name="output"/>.</summary>
    public static OutputStaging Begin(DirectoryInfo output) => new(output);

    /// <summary>Moves every file written into the output directory, replacing files of the same names, and removes the folder.</summary>
    public void Commit()
    {
        foreach (var file in Directory.EnumerateFiles())
        {
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

namespace Readiness.Files.Tests;

/// <summary>A folder of its own for a test's files, removed afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-files-").FullName;

    public string Path(string name) => System.IO.Path.Combine(_directory, name);

    /// <summary>Writes a file with one of the library's writers and returns its path.</summary>
    public string Write(string name, Action<TextWriter> write)
    {
        var path = Path(name);
        using (var writer = new StreamWriter(path))
        {
            write(writer);
        }

        return path;
    }

    public string Text(string name, string content)
    {
        var path = Path(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

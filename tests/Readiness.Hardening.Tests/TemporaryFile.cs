namespace Readiness.Hardening.Tests;

/// <summary>A file made for one test and deleted after it.</summary>
internal sealed class TemporaryFile : IDisposable
{
    private TemporaryFile(string path) => Info = new FileInfo(path);

    public FileInfo Info { get; }

    public static TemporaryFile With(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"readiness-hardening-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, content);
        return new TemporaryFile(path);
    }

    public void Dispose() => Info.Delete();
}

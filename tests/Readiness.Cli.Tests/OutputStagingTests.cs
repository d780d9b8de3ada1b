namespace Readiness.Cli.Tests;

/// <summary>Outputs move into place together once every one is written; a run that fails half-way leaves the directory as it was.</summary>
public sealed class OutputStagingTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("readiness-staging-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void A_failure_mid_write_leaves_no_output_and_the_earlier_files_untouched()
    {
        File.WriteAllText(Path.Combine(_output.FullName, "estimates.csv"), "from the last run");

        var failure = Assert.Throws<IOException>((Action)(() =>
        {
            using var staging = OutputStaging.Begin(_output);
            File.WriteAllText(Path.Combine(staging.Directory.FullName, "estimates.csv"), "complete");
            using var half = new StreamWriter(Path.Combine(staging.Directory.FullName, "raters.csv"));
            half.Write("rater,effect");
            throw new IOException("the disk is full");
        }));

        Assert.Equal("the disk is full", failure.Message);
        Assert.Equal(["estimates.csv"], _output.EnumerateFiles().Select(f => f.Name));
        Assert.Equal("from the last run", File.ReadAllText(Path.Combine(_output.FullName, "estimates.csv")));
        Assert.Empty(_output.EnumerateDirectories());
    }

    [Fact]
    public void A_committed_run_replaces_the_files_of_the_same_names_and_leaves_no_staging_folder()
    {
        File.WriteAllText(Path.Combine(_output.FullName, "estimates.csv"), "from the last run");
        File.WriteAllText(Path.Combine(_output.FullName, "notes.txt"), "the user's own");

        using (var staging = OutputStaging.Begin(_output))
        {
            File.WriteAllText(Path.Combine(staging.Directory.FullName, "estimates.csv"), "new");
            File.WriteAllText(Path.Combine(staging.Directory.FullName, "raters.csv"), "new");
            Assert.False(File.Exists(Path.Combine(_output.FullName, "raters.csv")));
            staging.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(_output.FullName, "estimates.csv")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(_output.FullName, "raters.csv")));
        Assert.Equal("the user's own", File.ReadAllText(Path.Combine(_output.FullName, "notes.txt")));
        Assert.Empty(_output.EnumerateDirectories());
    }

    [Fact]
    public void A_symbolic_link_at_a_final_path_is_replaced_not_followed_and_the_files_are_the_owners_alone()
    {
        var target = Path.Combine(Path.GetTempPath(), $"readiness-link-target-{Guid.NewGuid():N}.txt");
        File.WriteAllText(target, "someone else's file");
        try
        {
            File.CreateSymbolicLink(Path.Combine(_output.FullName, "estimates.csv"), target);
            using (var staging = OutputStaging.Begin(_output))
            {
                File.WriteAllText(Path.Combine(staging.Directory.FullName, "estimates.csv"), "new");
                staging.Commit();
            }

            Assert.Equal("someone else's file", File.ReadAllText(target));
            var written = new FileInfo(Path.Combine(_output.FullName, "estimates.csv"));
            Assert.Null(written.LinkTarget);
            Assert.Equal("new", File.ReadAllText(written.FullName));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, written.UnixFileMode);
            }
        }
        finally
        {
            File.Delete(target);
        }
    }
}

using System.Text.Json;

namespace Readiness.Hardening.Tests;

/// <summary>
/// tests/Mutation/equivalent-mutants.json is kept with the code: each entry names a line of src/Readiness.Core by its text,
/// and the mutation scripts stop at an entry whose line is gone (equivalents.py), so a stale entry would surface only on
/// the next mutation run — this finds it on every test run.
/// </summary>
public sealed class MutationListTests
{
    [Fact]
    public void Every_equivalent_mutant_listed_names_a_line_still_in_the_code()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Readiness.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        using var list = JsonDocument.Parse(File.ReadAllText(Path.Combine(root.FullName, "tests", "Mutation", "equivalent-mutants.json")));
        var missing = list.RootElement.EnumerateArray()
            .Select(e => (File: e.GetProperty("file").GetString()!, Code: e.GetProperty("code").GetString()!))
            .Where(e =>
            {
                var path = Path.Combine(root.FullName, "src", "Readiness.Core", e.File);
                return !File.Exists(path) || !File.ReadLines(path).Any(line => line.Trim() == e.Code);
            })
            .Select(e => $"{e.File}: {e.Code}");

        Assert.Empty(missing);
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

public sealed class WeightsVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Prints_weights_and_consistency_as_JSON()
    {
        var (code, output, error) = Run("weights", "--pairwise", File(",a,b,c\na,1,2,4\nb,1/2,1,2\nc,0.25,0.5,1"));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("eigenvector", (string)json["method"]!);
        Assert.Equal(4.0 / 7, (double)json["weights"]!["a"]!, 12);
        Assert.Equal(3, (double)json["lambdaMax"]!, 12);
        Assert.Equal(0, (double)json["consistencyRatio"]!, 12);
        Assert.Equal("saaty1980", (string)json["randomIndexTable"]!);
        Assert.Null(json["mostInconsistentJudgement"]);
    }

    [Fact]
    public void Incomplete_matrices_use_geometric_mean_and_the_chosen_table()
    {
        var (code, output, _) = Run("weights", "--pairwise", File(",a,b,c\na,1,2,NA\nb,,1,3\nc,,,1"), "--ri", "donegan-dodd");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("geometric-mean", (string)json["method"]!);
        Assert.Equal(1, (int)json["missingJudgements"]!);
        Assert.Equal("donegan-dodd", (string)json["randomIndexTable"]!);
    }

    [Theory]
    [InlineData(",a,b\na,1,x\nb,1,1", "row 2, column 'b': 'x' is not a judgement")]
    [InlineData(",a,b\na,1,3\nb,1/2,1", "judgements[b, a]: 0.5 contradicts judgements[a, b] = 3")]
    [InlineData(",a,b\na,1,12\nb,,1", "12 is outside Saaty's scale")]
    [InlineData(",a,b,c\na,1,3", "the matrix must be square")]
    [InlineData(",a,b\nb,1,3\na,,1", "row 2 starts with 'b' but column 1 of the header is 'a'")]
    [InlineData(",a,b,c,d\na,1,2,,\nb,,1,,\nc,,,1,2\nd,,,,1", "2 unconnected groups: {a, b} and {c, d}")]
    [InlineData("", "the file is empty")]
    [InlineData(",a,b\na,1,3\"x\nb,,1", "not valid CSV")]
    public void Bad_files_get_one_line_and_a_non_zero_exit_code(string content, string message)
    {
        var file = File(content);

        var (code, output, error) = Run("weights", "--pairwise", file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {Path.GetFileName(file)}: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_eigenvector_of_an_incomplete_matrix_is_an_error_not_a_switch()
    {
        var (code, _, error) = Run("weights", "--pairwise", File(",a,b,c\na,1,2,NA\nb,,1,3\nc,,,1"), "--method", "eigenvector");

        Assert.Equal(2, code);
        Assert.Contains("the eigenvector method needs a complete matrix", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        var (code, _, error) = Run("weights", "--pairwise", Path.Combine(_directory, "nope.csv"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: nope.csv:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_verb_the_verbs_are_listed()
    {
        var (code, output, _) = Run();

        Assert.Equal(2, code);
        Assert.Contains("calibrate", output, StringComparison.Ordinal);
        Assert.Contains("talent", output, StringComparison.Ordinal);
    }

    private string File(string content)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReadinessCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}

using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Serialization;
using Readiness.Talent;
using static Readiness.Competencies.LeadershipFramework;
using static Readiness.Core.Tests.Talent.TalentTests;

namespace Readiness.Core.Tests.Serialization;

/// <summary>
/// The talent review's JSON is what UIs and reports consume, so its whole text is pinned: a small review with every kind
/// of row (a straddling placement, an unboxed person, a shared successor, a person on a slate with no box, plans with and
/// without steps, interventions with and without a description) is compared with <c>Data/json</c> verbatim.
/// </summary>
public sealed class TalentJsonTests
{
    private static readonly ReadinessScorer Scorer = new();

    private static readonly DateOnly Start = new(2027, 1, 4);

    [Fact]
    public void A_talent_review_is_written_as_documented()
    {
        var cohort = Scorer.ScoreCohort(
        [
            Person("A", 4.0, 4.0, 0.01, 90, results: 3.2),
            Person("B", 3.5, 3.5, 0.01, 60, results: 2.5),
            Person("C", 2.9, 3.0, 0.30, 75, results: 2.5),
            Person("D", 3.8, 3.6, 0.15, null, results: 2.5),
            Person("E", 4.0, 4.0, 0.01, 80, otherRaters: 1, results: 2.5),
            Person("F", 3.5, 3.5, 0.01, 88, results: 2.5),
        ], TeamLead);
        var payments = SuccessionSlate.Build("Payments", cohort, new SlateOptions { MaxLength = 3, KeyGaps = 2 });
        var risk = SuccessionSlate.Build("Risk", cohort.Where(a => a.Person.Value is "A" or "B" or "F"),
            new SlateOptions { Exclude = ImmutableDictionary<RateeId, string>.Empty.Add(new RateeId("B"), "on secondment") });
        var catalogue = InterventionCatalogue.Create(
        [
            KeyValuePair.Create(Delegates, (IEnumerable<Intervention>)[new(InterventionType.StretchAssignment, "Lead the Q3 release", "Own it end to end; the manager coaches, does not step in.")]),
            KeyValuePair.Create(ManagesConflict, (IEnumerable<Intervention>)[new(InterventionType.Coaching, "Difficult conversations coaching")]),
        ]);
        var planner = new DevelopmentPlanner(catalogue);
        var plans = cohort.Where(a => a.Person.Value is "A" or "C").Select(a => planner.Plan(a, TeamLead, Start));

        var pipeline = TalentPipeline.Create(Start, NineBox.Place(cohort, new NineBoxOptions { Cuts = NineBoxCuts.Absolute(70, 85, 50, 90) }), [payments, risk], plans);

        AssertWritten("talent-pipeline.json", ReadinessJson.Write(pipeline));
    }

    [Fact]
    public void An_empty_review_writes_null_cuts_and_empty_lists()
    {
        var box = NineBox.Place([]);
        var pipeline = TalentPipeline.Create(Start, box, [], []);

        AssertWritten("talent-pipeline-empty.json", ReadinessJson.Write(pipeline));
    }

    [Fact]
    public void Plans_alone_are_written_as_an_array_of_the_same_objects()
    {
        var a = Scorer.Score(Person("C", 2.9, 3.0, 0.30, 75, results: 2.5), TeamLead);
        var plan = new DevelopmentPlanner().Plan(a, TeamLead, Start);
        using var stream = new MemoryStream();

        ReadinessJson.Write([plan], stream);

        var whole = System.Text.Json.Nodes.JsonNode.Parse(ReadinessJson.Write(TalentPipeline.Create(Start, NineBox.Place([]), [], [plan])))!;
        var alone = System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray())!;
        Assert.StartsWith($"[{Environment.NewLine}  {{", System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings(), StringComparison.Ordinal);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(whole["plans"], alone), alone.ToJsonString());
    }

    private static void AssertWritten(string file, string json)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "json", file);
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd();

        Assert.Equal(expected, json.ReplaceLineEndings("\n").TrimEnd());
    }
}

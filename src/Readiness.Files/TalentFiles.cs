using Readiness.Serialization;
using Readiness.Talent;

namespace Readiness.Files;

/// <summary>
/// Writes the talent review's tables: <c>nine-box.csv</c>, a slate per role and <c>bench.csv</c> (the whole review, plans
/// included, is JSON by <see cref="ReadinessJson.Write(TalentPipeline, Stream)"/>).
/// </summary>
public static class TalentFiles
{
    /// <summary>The slate's file name: <c>slate-ROLE.csv</c>, the role's id in lower case with anything but letters, digits and dashes replaced by dashes.</summary>
    /// <param name="role">The role's id.</param>
    /// <returns>The file name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="role"/> is null.</exception>
    public static string SlateFileName(string role) =>
        $"slate-{new string([.. (role ?? throw new ArgumentNullException(nameof(role))).Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-')])}.csv";

    /// <summary>
    /// Writes <c>ratee,box,label,performance_level,readiness_level,performance,readiness,lower,upper,straddles_boundary,excluded,p_box</c>:
    /// one row per person placed, then one per person left out with the reason.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="box">The 9-box.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteNineBox(TextWriter writer, NineBox box)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(box);
        writer.WriteLine("ratee,box,label,performance_level,readiness_level,performance,readiness,lower,upper,straddles_boundary,excluded,p_box");
        foreach (var p in box.Placements)
        {
            writer.WriteLine($"{CsvCells.Field(p.Person.Value)},{p.Cell.Number},{CsvCells.Field(p.Label)},{WireNames.Of(p.Cell.Performance)},{WireNames.Of(p.Cell.Readiness)}," +
                $"{N(p.Performance)},{N(p.Readiness)},{N(p.ReadinessLower)},{N(p.ReadinessUpper)},{(p.StraddlesBoundary ? "yes" : "no")},," +
                $"{N(p.ProbabilityInBox)}");
        }

        foreach (var x in box.Excluded)
        {
            writer.WriteLine($"{CsvCells.Field(x.Person.Value)},,,,,,,,,,{CsvCells.Field($"{WireNames.Of(x.Reason)}: {x.Detail}")},");
        }
    }

    /// <summary>
    /// Writes a slate (<see cref="SlateFileName"/>): <c>rank,ratee,index,lower,upper,band,years_to_ready,best_rank,worst_rank,key_gaps,flags,excluded,p_ready_now,p_ready_within_2y</c>,
    /// the entries in rank order, then everyone left off with the reason.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="slate">The slate.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteSlate(TextWriter writer, SuccessionSlate slate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(slate);
        writer.WriteLine("rank,ratee,index,lower,upper,band,years_to_ready,best_rank,worst_rank,key_gaps,flags,excluded,p_ready_now,p_ready_within_2y");
        foreach (var e in slate.Entries)
        {
            writer.WriteLine($"{e.Rank},{CsvCells.Field(e.Person.Value)},{N(e.Index)},{N(e.Lower)},{N(e.Upper)},{WireNames.Of(e.Band)},{N(e.YearsToReady)}," +
                $"{e.BestRank},{e.WorstRank},{CsvCells.Field(string.Join(';', e.KeyGaps))},{WireNames.Of(e.Signals)},,{N(e.ProbabilityReadyNow)},{N(e.ProbabilityReadyNearTerm)}");
        }

        foreach (var x in slate.Excluded)
        {
            writer.WriteLine($",{CsvCells.Field(x.Person.Value)},,,,,,,,,,{CsvCells.Field($"{WireNames.Of(x.Reason)}: {x.Detail}")},,");
        }
    }

    /// <summary>Writes <c>role,ready_now,ready_1_2_years,ready_3_plus_years,not_on_track,total,covered,shared_successors</c>: one row per role.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="bench">The bench strength.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteBench(TextWriter writer, BenchStrength bench)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(bench);
        writer.WriteLine("role,ready_now,ready_1_2_years,ready_3_plus_years,not_on_track,total,covered,shared_successors");
        foreach (var r in bench.Roles)
        {
            var shared = bench.Shared.Count(s => s.Roles.Contains(r.Role));
            writer.WriteLine($"{CsvCells.Field(r.Role)},{r.ReadyNow},{r.ReadyIn1To2Years},{r.ReadyIn3PlusYears},{r.NotOnLeadershipTrack},{r.Total},{(r.Covered ? "yes" : "no")},{shared}");
        }
    }

    private static string N(double? value) => CsvCells.Rounded(value, 4);
}

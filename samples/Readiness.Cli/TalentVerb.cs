using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Evidence;
using Readiness.Pipeline;
using Readiness.Serialization;
using Readiness.Talent;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness talent --ratings FILE.csv [--performance FILE.csv] [--role ROLE.json ...] [--exclude FILE.csv] [--date D] [--out DIR]</c>:
/// calibrates and scores, then writes the talent review — nine-box.csv, slate-ROLE.csv per role, bench.csv, plans.json
/// and talent.json (all of it in one document).
/// </summary>
internal static class TalentVerb
{
    public static int Run(
        FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, FileInfo? performanceFile, IReadOnlyList<FileInfo> roleFiles, FileInfo? excludeFile, CohortSettings settings, DateOnly date,
        DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["nine-box.csv", "bench.csv", "plans.json", "talent.json", "warnings.txt", "rejects.csv"], [ratingsFile, modelFile, performanceFile, excludeFile, .. roleFiles]);
            var model = CohortInput.ReadModel(modelFile);
            var roles = roleFiles.Count == 0 ? [CohortInput.ReadRole(null, model)] : roleFiles.Select(f => CohortInput.ReadRole(f, model)).ToArray();
            if (roles.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                error.WriteLine($"error: role profile '{twice.Key}' is given {twice.Count()} times");
                return WeightsVerb.BadInput;
            }

            // Ids that differ only in punctuation would write one slate file over the other.
            if (roles.GroupBy(r => SlateFile(r.Id), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
            {
                error.WriteLine($"error: role profiles {string.Join(" and ", clash.Select(r => $"'{r.Id}'"))} would both be written to {clash.Key}; give one of them another id");
                return WeightsVerb.BadInput;
            }

            var exclude = excludeFile is null ? ImmutableDictionary<RateeId, string>.Empty : ReadExclusions(excludeFile, error);
            var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
            var run = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings,
                intake => new ReadinessRunInput(intake, roles) { Performance = performance, ReviewDate = date, SlateExclusions = exclude },
                new ReadinessPipelineOptions(), output, console, error);
            if (run is null)
            {
                return WeightsVerb.BadInput;
            }

            var pipeline = run.Talent!;
            var (nineBox, slates, plans) = (pipeline.NineBox, pipeline.Slates, pipeline.Plans);
            using var staging = OutputStaging.Begin(output);
            var written = staging.Directory;
            CalibrateVerb.WriteWarningsFile(written, run.Calibration);
            WriteNineBox(written, nineBox);
            foreach (var slate in slates)
            {
                WriteSlate(written, slate);
            }

            WriteBench(written, pipeline.Bench);
            using (var stream = File.Create(Path.Combine(written.FullName, "plans.json")))
            {
                ReadinessJson.Write(plans, stream);
            }

            using (var stream = File.Create(Path.Combine(written.FullName, "talent.json")))
            {
                ReadinessJson.Write(pipeline, stream);
            }

            staging.Commit();
            console.WriteLine($"9-box for {roles[0].Id}: {nineBox.Placements.Length} of {nineBox.Placements.Length + nineBox.Excluded.Length} people boxed, " +
                $"{nineBox.Placements.Count(p => p.ProbabilityInBox < 0.8)} of them less than 80% sure of their box; " +
                $"{string.Join("; ", pipeline.Bench.Roles.Select(r => $"{r.Role}: {r.ReadyNow} ready now, {r.ReadyIn1To2Years} in 1-2 years, {r.ReadyIn3PlusYears} in 3+"))}; {plans.Length} development plans.");
            console.WriteLine($"Wrote nine-box.csv, {string.Join(", ", slates.Select(s => SlateFile(s.Role)))}, bench.csv, plans.json, talent.json, warnings.txt and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>The slate's file name: the role with anything but letters, digits and dashes replaced.</summary>
    public static string SlateFile(string role) =>
        $"slate-{new string([.. role.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-')])}.csv";

    /// <summary>Reads <c>ratee,reason</c>: people to leave off every slate; a bad row is reported on standard error and left out.</summary>
    private static ImmutableDictionary<RateeId, string> ReadExclusions(FileInfo file, TextWriter error)
    {
        using var reader = InputText.Open(file);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || csv.Record is not { } header || !header.Contains("ratee") || !header.Contains("reason"))
        {
            throw new RatingsCsvException($"{file.Name}: expected a header row with ratee,reason");
        }

        var (ratee, reason) = (Array.IndexOf(header, "ratee"), Array.IndexOf(header, "reason"));
        var exclusions = ImmutableDictionary.CreateBuilder<RateeId, string>();
        while (csv.Read())
        {
            var record = csv.Record!;
            if (record.Length == header.Length && RateeId.TryCreate(record[ratee], out var id) && exclusions.TryAdd(id, record[reason]))
            {
                continue;
            }

            error.WriteLine($"warning: {file.Name} line {csv.RawRow}: not a ratee id, or one already listed; left out.");
        }

        return exclusions.ToImmutable();
    }

    private static void WriteNineBox(DirectoryInfo output, NineBox box)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, "nine-box.csv"));
        writer.WriteLine("ratee,box,label,performance_level,readiness_level,performance,readiness,lower,upper,straddles_boundary,excluded,p_box");
        foreach (var p in box.Placements)
        {
            writer.WriteLine($"{RatingsCsv.Field(p.Person.Value)},{p.Cell.Number},{RatingsCsv.Field(p.Label)},{p.Cell.Performance},{p.Cell.Readiness}," +
                $"{N(p.Performance)},{N(p.Readiness)},{N(p.ReadinessLower)},{N(p.ReadinessUpper)},{(p.StraddlesBoundary ? "yes" : "no")},," +
                $"{N(p.ProbabilityInBox)}");
        }

        foreach (var x in box.Excluded)
        {
            writer.WriteLine($"{RatingsCsv.Field(x.Person.Value)},,,,,,,,,,{RatingsCsv.Field($"{x.Reason}: {x.Detail}")},");
        }
    }

    private static void WriteSlate(DirectoryInfo output, SuccessionSlate slate)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, SlateFile(slate.Role)));
        writer.WriteLine("rank,ratee,index,lower,upper,band,years_to_ready,best_rank,worst_rank,key_gaps,flags,excluded,p_ready_now,p_ready_within_2y");
        foreach (var e in slate.Entries)
        {
            writer.WriteLine($"{e.Rank},{RatingsCsv.Field(e.Candidate.Value)},{N(e.Index)},{N(e.Lower)},{N(e.Upper)},{ScoreVerb.BandName(e.Band)},{N(e.YearsToReady)}," +
                $"{e.BestRank},{e.WorstRank},{string.Join(';', e.KeyGaps)},{RatingsCsv.Flags(e.Signals)},,{N(e.ProbabilityReadyNow)},{N(e.ProbabilityReadyNearTerm)}");
        }

        foreach (var x in slate.Excluded)
        {
            writer.WriteLine($",{RatingsCsv.Field(x.Person.Value)},,,,,,,,,,{RatingsCsv.Field($"{x.Reason}: {x.Detail}")},,");
        }
    }

    private static void WriteBench(DirectoryInfo output, BenchStrength bench)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, "bench.csv"));
        writer.WriteLine("role,ready_now,ready_1_2_years,ready_3_plus_years,not_on_track,total,covered,shared_successors");
        foreach (var r in bench.Roles)
        {
            var shared = bench.Shared.Count(s => s.Roles.Contains(r.Role));
            writer.WriteLine($"{RatingsCsv.Field(r.Role)},{r.ReadyNow},{r.ReadyIn1To2Years},{r.ReadyIn3PlusYears},{r.NotOnLeadershipTrack},{r.Total},{(r.Covered ? "yes" : "no")},{shared}");
        }
    }

    private static string N(double value) => RatingsCsv.Number(Math.Round(value, 4));

    private static string N(double? value) => value is { } v ? N(v) : string.Empty;
}

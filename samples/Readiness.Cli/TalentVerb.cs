using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Files;
using Readiness.Pipeline;
using Readiness.Serialization;

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
            BadInput.RefuseOverwrite(output, ["nine-box.csv", "bench.csv", "plans.json", "talent.json", "warnings.txt", "rejects.csv"], [ratingsFile, modelFile, performanceFile, excludeFile, settings.Options, .. roleFiles]);
            var model = CohortInput.ReadModel(modelFile);
            var roles = roleFiles.Count == 0 ? [CohortInput.ReadRole(null, model)] : roleFiles.Select(f => CohortInput.ReadRole(f, model)).ToArray();
            if (roles.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                error.WriteLine($"error: role profile '{twice.Key}' is given {twice.Count()} times");
                return WeightsVerb.BadInput;
            }

            // Ids that differ only in punctuation would write one slate file over the other.
            if (roles.GroupBy(r => TalentFiles.SlateFileName(r.Id), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
            {
                error.WriteLine($"error: role profiles {string.Join(" and ", clash.Select(r => $"'{r.Id}'"))} would both be written to {clash.Key}; give one of them another id");
                return WeightsVerb.BadInput;
            }

            var exclude = excludeFile is null ? ImmutableDictionary<RateeId, string>.Empty : CohortInput.Read(excludeFile, InputTables.ReadExclusions, error);
            var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
            var cohort = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings,
                intake => new ReadinessRunInput(intake, roles) { Performance = performance, ReviewDate = date, SlateExclusions = exclude },
                new ReadinessPipelineOptions(), output, console, error);
            if (cohort is null)
            {
                return WeightsVerb.BadInput;
            }

            var run = cohort.Run;
            foreach (var stranger in exclude.Keys.Where(p => !run.Ratings.TryGetRateeIndex(p, out _)).Order())
            {
                // Nobody by that id was rated: a typo, or someone outside this review; either way the exclusion did nothing.
                error.WriteLine($"warning: {excludeFile!.Name}: '{CsvCells.Shown(stranger.Value)}' is not among the people rated; the exclusion has no effect.");
            }

            var pipeline = run.Talent!;
            var (nineBox, slates, plans) = (pipeline.NineBox, pipeline.Slates, pipeline.Plans);
            using var staging = OutputStaging.Begin(output);
            var common = cohort.Write(staging);
            staging.WriteText("nine-box.csv", w => TalentFiles.WriteNineBox(w, nineBox));
            foreach (var slate in slates)
            {
                staging.WriteText(TalentFiles.SlateFileName(slate.Role), w => TalentFiles.WriteSlate(w, slate));
            }

            staging.WriteText("bench.csv", w => TalentFiles.WriteBench(w, pipeline.Bench));
            staging.WriteStream("plans.json", s => ReadinessJson.Write(plans, s));
            staging.WriteStream("talent.json", s => ReadinessJson.Write(pipeline, s));
            staging.Commit();
            // Who is not boxed, and why: without a performance file nobody is, which a bare "0 of 150" would not say.
            var unboxed = nineBox.Excluded.IsEmpty ? string.Empty : $" ({string.Join(", ", nineBox.Excluded.GroupBy(x => x.Reason).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Unboxed(g.Key)}"))})";
            console.WriteLine($"9-box for {roles[0].Id}: {nineBox.Placements.Length} of {nineBox.Placements.Length + nineBox.Excluded.Length} people boxed{unboxed}, " +
                $"{nineBox.Placements.Count(p => p.ProbabilityInBox < 0.8)} of them less than 80% sure of their box; " +
                $"{string.Join("; ", pipeline.Bench.Roles.Select(r => $"{r.Role}: {r.ReadyNow} ready now, {r.ReadyIn1To2Years} in 1-2 years, {r.ReadyIn3PlusYears} in 3+"))}; {plans.Length} development plans.");
            console.WriteLine($"Wrote nine-box.csv, {string.Join(", ", slates.Select(s => TalentFiles.SlateFileName(s.Role)))}, bench.csv, plans.json, talent.json, {common} and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>Why people are left out of the 9-box, in the console's words.</summary>
    private static string Unboxed(Talent.ExclusionReason reason) => reason switch
    {
        Talent.ExclusionReason.NoPerformanceMeasure => "without a performance measure (--performance FILE.csv gives one, as does a role with individual-performance competencies)",
        Talent.ExclusionReason.InsufficientEvidence => "not scored for lack of evidence",
        _ => WireNames.Of(reason),
    };
}

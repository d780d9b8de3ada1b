using System.Collections.Immutable;
using MathNet.Numerics.Statistics;
using Readiness.Scoring;
using Readiness.Scoring.Internal;

namespace Readiness.Talent;

/// <summary>
/// The 9-box: individual performance against leadership readiness — not performance against performance, which is how
/// organisations end up promoting their best individual performers into leadership they are not ready for.
/// </summary>
/// <remarks>
/// Performance is the cohort's performance records when any scored person has one, else attainment on the role's
/// individual-performance requirements (the rule the scorer's cohort signals use); readiness is the readiness index. Every
/// scored person with a performance value lands in exactly one box, by the point estimates; a person whose readiness
/// interval crosses a cut is marked (<see cref="NineBoxPlacement.StraddlesBoundary"/>) rather than silently boxed, and
/// assessments from the built-in scorer carry the chance of their box (<see cref="NineBoxPlacement.ProbabilityInBox"/>)
/// from draws of the whole cohort that recompute the cuts. Everyone else is listed in <see cref="Excluded"/> with the reason.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class NineBox
{
    private NineBox(
        bool usesRecords, NineBoxAxisCuts performanceCuts, NineBoxAxisCuts readinessCuts,
        ImmutableArray<NineBoxPlacement> placements, ImmutableArray<TalentExclusion> excluded)
    {
        UsesPerformanceRecords = usesRecords;
        PerformanceCuts = performanceCuts;
        ReadinessCuts = readinessCuts;
        Placements = placements;
        Excluded = excluded;
    }

    /// <summary>Gets a value indicating whether performance is the performance records (else the competency-based performance index).</summary>
    public bool UsesPerformanceRecords { get; }

    /// <summary>Gets the performance axis's cuts as values (quantile cuts resolved on this cohort; NaN when nobody is boxed).</summary>
    public NineBoxAxisCuts PerformanceCuts { get; }

    /// <summary>Gets the readiness axis's cuts in index points.</summary>
    public NineBoxAxisCuts ReadinessCuts { get; }

    /// <summary>Gets one placement per boxed person, by box number and then readiness, highest first (ties by person id).</summary>
    public ImmutableArray<NineBoxPlacement> Placements { get; }

    /// <summary>Gets the people not boxed, with the reason.</summary>
    public ImmutableArray<TalentExclusion> Excluded { get; }

    /// <summary>Places a cohort's assessments (one role profile) on the 9-box.</summary>
    /// <param name="assessments">The assessments, scored or not, one per person.</param>
    /// <param name="options">The cuts and labels; null for tertiles and the default labels.</param>
    /// <returns>The 9-box.</returns>
    /// <exception cref="ArgumentException">A person appears twice, the assessments are against several role profiles, or a label is blank.</exception>
    public static NineBox Place(IEnumerable<ReadinessAssessment> assessments, NineBoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        options = (options ?? new NineBoxOptions()).Validated();

        var all = Cohort.Check(assessments, nameof(assessments));
        var scored = all.Where(a => a.IsScored).ToArray();
        var usesRecords = scored.Any(a => a.Performance is not null);
        double? PerformanceOf(ReadinessAssessment a) => usesRecords ? a.Performance : a.PerformanceIndex;

        var excluded = ImmutableArray.CreateBuilder<TalentExclusion>();
        var boxed = new List<(ReadinessAssessment Assessment, double Performance)>();
        foreach (var a in all)
        {
            if (!a.IsScored)
            {
                excluded.Add(new TalentExclusion(a.Person, ExclusionReason.InsufficientEvidence, string.Join(" ", a.Evidence.Missing)));
            }
            else if (PerformanceOf(a) is { } p)
            {
                boxed.Add((a, p));
            }
            else
            {
                excluded.Add(new TalentExclusion(a.Person, ExclusionReason.NoPerformanceMeasure,
                    usesRecords ? "no performance record" : "no performance records were given and the assessment has no performance index (the role has no individual-performance requirements, or its scorer gave none)"));
            }
        }

        var cuts = options.Cuts;
        var performanceCuts = Resolve(cuts.ByQuantile, boxed.Select(b => b.Performance), cuts.PerformanceLower, cuts.PerformanceUpper);
        var readinessCuts = Resolve(cuts.ByQuantile, boxed.Select(b => b.Assessment.Index!.Value), cuts.ReadinessLower, cuts.ReadinessUpper);
        var cells = boxed.Select(b => new NineBoxCell(performanceCuts.Level(b.Performance), readinessCuts.Level(b.Assessment.Index!.Value))).ToArray();
        var chances = BoxChances(boxed, usesRecords, cuts, cells);
        var placements = boxed
            .Select((b, i) =>
            {
                var a = b.Assessment;
                var cell = cells[i];
                var label = options.Labels.TryGetValue(cell, out var own) ? own : cell.DefaultLabel;
                return new NineBoxPlacement(a.Person, b.Performance, a.Index!.Value, a.Lower!.Value, a.Upper!.Value, cell, label,
                    readinessCuts.Level(a.Lower.Value), readinessCuts.Level(a.Upper.Value)) { ProbabilityInBox = chances?[i] };
            })
            .OrderBy(p => p.Cell.Number).ThenByDescending(p => p.Readiness).ThenBy(p => p.Person)
            .ToImmutableArray();
        return new NineBox(usesRecords, performanceCuts, readinessCuts, placements, excluded.ToImmutable());
    }

    /// <summary>
    /// Each boxed person's chance of their box: the share of draws of the whole cohort's true levels (the scorer's joint
    /// uncertainty) in which their drawn readiness and performance, against cuts recomputed on that draw, fall in the box
    /// the estimates put them in. Null unless every boxed assessment comes from one built-in scorer and one profile.
    /// </summary>
    private static double[]? BoxChances(List<(ReadinessAssessment Assessment, double Performance)> boxed, bool usesRecords, NineBoxCuts cuts, NineBoxCell[] cells)
    {
        var people = boxed.Select(b => b.Assessment.Joint).ToArray();
        if (people.Length == 0 || people.Any(p => p is null || p.Kernel != people[0]!.Kernel))
        {
            return null;
        }

        var n = people.Length;
        var (readiness, performance, hits) = (new double[n], new double[n], new int[n]);
        CohortDraws.Run(
            people!,
            (i, theta) =>
            {
                var kernel = people[i]!.Kernel;
                readiness[i] = kernel.AtLevels(theta).Index;

                // Performance records are taken as measured without error; the competency-based measure is drawn.
                performance[i] = usesRecords ? boxed[i].Performance : kernel.PerformanceIndex(theta);
            },
            _ =>
            {
                var performanceCuts = Resolve(cuts.ByQuantile, performance, cuts.PerformanceLower, cuts.PerformanceUpper);
                var readinessCuts = Resolve(cuts.ByQuantile, readiness, cuts.ReadinessLower, cuts.ReadinessUpper);
                for (var i = 0; i < n; i++)
                {
                    hits[i] += new NineBoxCell(performanceCuts.Level(performance[i]), readinessCuts.Level(readiness[i])) == cells[i] ? 1 : 0;
                }
            });
        return [.. hits.Select(h => (double)h / CohortDraws.Count)];
    }

    /// <summary>Counts the people in a box.</summary>
    /// <param name="cell">The box.</param>
    /// <returns>How many placements it holds.</returns>
    public int Count(NineBoxCell cell) => Placements.Count(p => p.Cell == cell);

    private static NineBoxAxisCuts Resolve(bool byQuantile, IEnumerable<double> values, double lower, double upper)
    {
        if (!byQuantile)
        {
            return new(lower, upper);
        }

        var data = values.ToArray();
        return data.Length == 0 ? new(double.NaN, double.NaN) : new(Statistics.QuantileCustom(data, lower, QuantileDefinition.R7), Statistics.QuantileCustom(data, upper, QuantileDefinition.R7));
    }
}

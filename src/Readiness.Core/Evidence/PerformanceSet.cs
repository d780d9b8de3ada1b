using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>An immutable set of individual-performance records, one per person and cycle.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class PerformanceSet
{
    private readonly Dictionary<RateeId, double> _meanByRatee;

    private PerformanceSet(ImmutableArray<PerformanceRecord> records)
    {
        Records = records;
        _meanByRatee = records.GroupBy(r => r.Person).ToDictionary(g => g.Key, g => g.Average(r => r.Value));
    }

    /// <summary>Gets every accepted record, ordered by ratee and then cycle (no cycle first).</summary>
    public ImmutableArray<PerformanceRecord> Records { get; }

    /// <summary>Gets the people with at least one record, in ordinal id order.</summary>
    public ImmutableArray<RateeId> Ratees => [.. _meanByRatee.Keys.Order()];

    /// <summary>Takes in performance records, refusing (and reporting) the ones that break a rule.</summary>
    /// <param name="records">The records, in any order.</param>
    /// <returns>The accepted set and the account of every record.</returns>
    /// <remarks>
    /// Refused: a missing ratee id, a NaN or infinite value, an invalid cycle label, and every record of a person and
    /// cycle that appears more than once with different values (exact repeats keep one).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static PerformanceIntake Create(IEnumerable<PerformanceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rejected = new List<RejectedRow>();
        var valid = new List<(PerformanceRecord Record, int Row)>();
        var row = 0;
        foreach (var record in records)
        {
            if (Check(record) is { } problem)
            {
                rejected.Add(new RejectedRow(row, RejectReason.InvalidPerformance, problem));
            }
            else
            {
                valid.Add((record, row));
            }

            row++;
        }

        var accepted = new List<PerformanceRecord>();
        foreach (var group in valid.GroupBy(v => (v.Record.Person, v.Record.Cycle)))
        {
            var items = group.OrderBy(v => v.Row).ToList();
            if (items.All(v => v.Record.Value.Equals(items[0].Record.Value)))
            {
                accepted.Add(items[0].Record);
                rejected.AddRange(items.Skip(1).Select(v => new RejectedRow(v.Row, RejectReason.DuplicateRating,
                    $"Performance of '{v.Record.Person}' repeats row {items[0].Row} exactly; only one is kept.")));
            }
            else
            {
                var rows = string.Join(", ", items.Select(v => v.Row));
                rejected.AddRange(items.Select(v => new RejectedRow(v.Row, RejectReason.InvalidPerformance,
                    $"Performance of '{v.Record.Person}' was given {items.Count} times with different values (rows {rows}); conflicting records are all refused.")));
            }
        }

        var ordered = accepted
            .OrderBy(r => r.Person)
            .ThenBy(r => r.Cycle, StringComparer.Ordinal)
            .ToImmutableArray();
        rejected.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new PerformanceIntake(new PerformanceSet(ordered), new IntakeReport(row, [.. rejected]));
    }

    /// <summary>Gets a person's performance: the mean of their records over all cycles.</summary>
    /// <param name="person">The person.</param>
    /// <param name="value">The mean performance, or NaN when the person has no record.</param>
    /// <returns>True when the person has at least one record.</returns>
    public bool TryGetValue(RateeId person, out double value)
    {
        if (_meanByRatee.TryGetValue(person, out value))
        {
            return true;
        }

        value = double.NaN;
        return false;
    }

    private static string? Check(PerformanceRecord record)
    {
        if (record.Person.IsEmpty)
        {
            return "Ratee id is missing; every performance record needs the person it measures.";
        }

        if (!double.IsFinite(record.Value))
        {
            return $"Performance of '{record.Person}' was {Guard.Format(record.Value)}; a performance value must be a finite number.";
        }

        return record.Cycle is { } cycle && PersonIdRules.Check(cycle) is not null
            ? $"Cycle '{cycle}' is not a valid cycle label; labels have no control characters and no leading or trailing white space."
            : null;
    }
}

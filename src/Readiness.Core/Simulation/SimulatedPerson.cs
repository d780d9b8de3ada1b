using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Simulation;

/// <summary>One person of a simulated organisation, with the true levels the ratings were generated from.</summary>
public sealed class SimulatedPerson
{
    /// <summary>Initializes a new instance of the <see cref="SimulatedPerson"/> class.</summary>
    /// <param name="person">The person's id (as ratee; the same text is their rater id).</param>
    /// <param name="manager">The person's manager, or null for the head of the organisation.</param>
    /// <param name="directReports">How many people report to this person; managers have at least one.</param>
    /// <param name="trueLevels">The true level on each competency, in model order, on the model's scale.</param>
    /// <param name="trueLeadership">The mean true level over the model's leadership competencies.</param>
    /// <param name="trueIndividualPerformance">The mean true level over the model's individual-performance competencies.</param>
    /// <param name="performance">The observed individual-performance measure (a review score, with noise).</param>
    internal SimulatedPerson(RateeId person, RateeId? manager, int directReports, ImmutableArray<double> trueLevels, double trueLeadership, double trueIndividualPerformance, double performance)
    {
        _trueGrowth = [.. trueLevels.Select(_ => 0.0)];
        Person = person;
        Manager = manager;
        DirectReports = directReports;
        TrueLeadership = trueLeadership;
        TrueIndividualPerformance = trueIndividualPerformance;
        Performance = performance;
        TrueLevels = trueLevels;
    }

    private SimulatedPerson(SimulatedPerson other)
        : this(other.Person, other.Manager, other.DirectReports, other.TrueLevels, other.TrueLeadership, other.TrueIndividualPerformance, other.Performance) =>
        (_trueGrowth, _developmentYears, _trueDevelopmentGrowth, _trueDevelopmentAfterGrowth) = (other._trueGrowth, other._developmentYears, other._trueDevelopmentGrowth, other._trueDevelopmentAfterGrowth);

    /// <summary>Gets the person's id (as ratee; the same text is their rater id).</summary>
    public RateeId Person { get; }

    /// <summary>Gets the person's manager, or null for the head of the organisation.</summary>
    public RateeId? Manager { get; }

    /// <summary>Gets how many people report to this person; managers have at least one.</summary>
    public int DirectReports { get; }

    /// <summary>Gets the mean true level over the model's leadership competencies.</summary>
    public double TrueLeadership { get; }

    /// <summary>Gets the mean true level over the model's individual-performance competencies.</summary>
    public double TrueIndividualPerformance { get; }

    /// <summary>Gets the observed individual-performance measure (a review score, with noise).</summary>
    public double Performance { get; }

    private ImmutableArray<double> _trueGrowth;

    /// <summary>Gets the true level on each competency at the first review cycle, in model order, on the model's scale.</summary>
    public ImmutableArray<double> TrueLevels { get; }

    /// <summary>Gets the true growth on each competency, scale points a year, in model order (0 in a one-cycle organisation).</summary>
    public ImmutableArray<double> TrueGrowth => _trueGrowth;

    /// <summary>Gets the true levels <paramref name="years"/> after the first cycle: each level plus its growth, held within the scale.</summary>
    /// <param name="years">Years since the first cycle.</param>
    /// <param name="scale">The model's scale.</param>
    /// <returns>The levels, in model order.</returns>
    public ImmutableArray<double> TrueLevelsAt(double years, Competencies.ProficiencyScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Guard.Finite(years);
        return [.. TrueLevels.Select((level, c) => Math.Clamp(level + (TrueGrowth[c] * years) + DevelopedBy(c, years), scale.Minimum, scale.Maximum))];
    }

    /// <summary>Gets the extra growth a year the person's development added on each competency while it ran, in model order (0 without development).</summary>
    public ImmutableArray<double> TrueDevelopmentGrowth => _trueDevelopmentGrowth.IsDefault ? [.. TrueLevels.Select(_ => 0.0)] : _trueDevelopmentGrowth;

    /// <summary>Gets the extra growth a year the person's development added on each competency after it ended, in model order (0 without development).</summary>
    public ImmutableArray<double> TrueDevelopmentAfterGrowth => _trueDevelopmentAfterGrowth.IsDefault ? [.. TrueLevels.Select(_ => 0.0)] : _trueDevelopmentAfterGrowth;

    // The person's development programme, when they had one: its years from the first cycle, and its extra growth a year
    // during and after it per competency.
    private (double Start, double End) _developmentYears;
    private ImmutableArray<double> _trueDevelopmentGrowth;
    private ImmutableArray<double> _trueDevelopmentAfterGrowth;

    /// <summary>What the person's development had added to competency <paramref name="c"/> by <paramref name="years"/>.</summary>
    private double DevelopedBy(int c, double years)
    {
        if (_trueDevelopmentGrowth.IsDefault)
        {
            return 0;
        }

        var (start, end) = _developmentYears;
        return (_trueDevelopmentGrowth[c] * Math.Clamp(years - start, 0, end - start)) + (_trueDevelopmentAfterGrowth[c] * Math.Max(years - end, 0));
    }

    internal SimulatedPerson WithGrowth(ImmutableArray<double> growth)
    {
        var copy = new SimulatedPerson(this);
        copy._trueGrowth = growth;
        return copy;
    }

    internal SimulatedPerson WithDevelopment(double start, double end, ImmutableArray<double> during, ImmutableArray<double> after)
    {
        var copy = new SimulatedPerson(this);
        (copy._developmentYears, copy._trueDevelopmentGrowth, copy._trueDevelopmentAfterGrowth) = ((start, end), during, after);
        return copy;
    }

    /// <summary>Gets a value indicating whether the person manages anyone.</summary>
    public bool IsManager => DirectReports > 0;
}

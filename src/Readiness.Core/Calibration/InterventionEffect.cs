using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// What one development intervention did to growth, as the longitudinal model measures it: the change in growth a year
/// while people were in it and after it ended, against comparable people without it, with 95% Wald intervals.
/// </summary>
/// <remarks>
/// The people developed were not chosen at random: the model adjusts for each person's level and growth, not for why they
/// were chosen, so the effects are associations (the fit's warnings say so) until an assignment by lot confirms them.
/// </remarks>
public sealed class InterventionEffect
{
    private const double Z95 = 1.959963984540054;

    /// <summary>Initializes a new instance of the <see cref="InterventionEffect"/> class.</summary>
    /// <param name="intervention">The intervention's name.</param>
    /// <param name="people">How many rated people took part.</param>
    /// <param name="during">The change in growth a year while in it; null when no rating fell during it.</param>
    /// <param name="after">The change in growth a year after it ended; null when no rating fell after it.</param>
    /// <param name="competencies">The competencies it develops (its records' competencies; all of the model's for a record naming none); null or empty when not known.</param>
    /// <param name="typicalYears">How long people spend in it: the median length of its records that ended, in years; null when none ended.</param>
    /// <exception cref="ArgumentException"><paramref name="intervention"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="people"/> is negative, or <paramref name="typicalYears"/> is not a positive number.</exception>
    public InterventionEffect(string intervention, int people, FixedEffect? during, FixedEffect? after, IEnumerable<CompetencyId>? competencies = null, double? typicalYears = null)
    {
        if (typicalYears is { } years && !(years > 0 && double.IsFinite(years)))
        {
            throw new ArgumentOutOfRangeException(nameof(typicalYears), years, $"typicalYears was {Guard.Format(years)}; it must be a positive number of years, or null.");
        }

        TypicalYears = typicalYears;
        Intervention = Guard.NotBlank(intervention);
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        People = people;
        During = during;
        After = after;
        Competencies = [.. (competencies ?? []).Distinct()];
    }

    /// <summary>Gets the competencies it develops, as its records say (every competency of the model for a record that names none); empty when not known.</summary>
    public ImmutableArray<CompetencyId> Competencies { get; }

    /// <summary>Gets how long people spend in it: the median length, in years, of its records that ended; null when none ended (then it is taken to go on).</summary>
    public double? TypicalYears { get; }

    /// <summary>Gets whether the change in growth while in it is measured and its 95% interval lies above zero: evidence that it helped, though not of cause (see the remarks).</summary>
    public bool HelpedWhileIn => DuringLower > 0;

    /// <summary>Gets the intervention's name.</summary>
    public string Intervention { get; }

    /// <summary>Gets how many rated people took part.</summary>
    public int People { get; }

    /// <summary>Gets the change in growth, scale points a year, while people were in it (<c>during:&lt;name&gt;</c>); null when no rating fell during it.</summary>
    public FixedEffect? During { get; }

    /// <summary>Gets the change in growth, scale points a year, after it ended (<c>after:&lt;name&gt;</c>); null when no rating fell after it.</summary>
    public FixedEffect? After { get; }

    /// <summary>Gets the lower end of the 95% interval of <see cref="During"/>, or null.</summary>
    public double? DuringLower => During is { } d ? d.Estimate - (Z95 * d.StandardError) : null;

    /// <summary>Gets the upper end of the 95% interval of <see cref="During"/>, or null.</summary>
    public double? DuringUpper => During is { } d ? d.Estimate + (Z95 * d.StandardError) : null;

    /// <summary>Gets the lower end of the 95% interval of <see cref="After"/>, or null.</summary>
    public double? AfterLower => After is { } a ? a.Estimate - (Z95 * a.StandardError) : null;

    /// <summary>Gets the upper end of the 95% interval of <see cref="After"/>, or null.</summary>
    public double? AfterUpper => After is { } a ? a.Estimate + (Z95 * a.StandardError) : null;
}

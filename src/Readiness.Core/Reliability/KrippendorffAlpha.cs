using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>Krippendorff's alpha: agreement among any number of coders, any level of measurement, with missing values.</summary>
/// <remarks>
/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": from the coincidence matrix
/// o_ck = Σ_units Σ_{i≠j} [v_i = c][v_j = k] / (m_u − 1) over units with at least two values,
/// α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, with n_c the matrix's row sums and δ² the metric's difference. Units with
/// fewer than two values are not pairable and are left out, as the method prescribes. α = 1 is perfect agreement, 0 is
/// agreement at chance level.
/// </remarks>
public static class KrippendorffAlpha
{
    /// <summary>
    /// The most distinct values the ratio metric compares pairwise by default (its expected disagreement has no closed
    /// form: 20,000 values are 2·10⁸ pairs, about a second).
    /// </summary>
    public const int DefaultMaxRatioLevels = 20_000;

    /// <summary>Computes alpha from a coders × units table.</summary>
    /// <param name="values">Coders × units; null where a coder did not code a unit.</param>
    /// <param name="metric">The level of measurement.</param>
    /// <returns>Alpha, at most 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A value is not finite, a ratio-metric value is negative, or alpha is undefined: no unit has two values, or every
    /// pairable value is the same (nothing to disagree about). The message says which.
    /// </exception>
    public static double Compute(double?[,] values, AlphaMetric metric)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (coders, units) = (values.GetLength(0), values.GetLength(1));
        var columns = new List<IReadOnlyList<double>>(units);
        for (var u = 0; u < units; u++)
        {
            var unit = new List<double>();
            for (var r = 0; r < coders; r++)
            {
                if (values[r, u] is { } x)
                {
                    unit.Add(x);
                }
            }

            columns.Add(unit);
        }

        return FromUnits(columns, metric, nameof(values));
    }

    /// <summary>
    /// Computes alpha from each unit's values alone — who coded them does not enter alpha — in memory linear in the values,
    /// however many coders there are (a 360° cycle has as many as people, each coding a handful of units).
    /// </summary>
    /// <param name="units">Each unit's values, one per coder who coded it.</param>
    /// <param name="metric">The level of measurement.</param>
    /// <param name="maxRatioLevels">The most distinct values the ratio metric compares pairwise; at least 2.</param>
    /// <returns>Alpha, at most 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="units"/> or one of its units is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRatioLevels"/> is below 2.</exception>
    /// <exception cref="ArgumentException">
    /// A value is not finite, a ratio-metric value is negative, the ratio metric meets more than
    /// <paramref name="maxRatioLevels"/> distinct values, or alpha is undefined: no unit has two values, or every pairable value
    /// is the same (nothing to disagree about). The message says which.
    /// </exception>
    public static double FromUnits(IEnumerable<IReadOnlyList<double>> units, AlphaMetric metric, int maxRatioLevels = DefaultMaxRatioLevels)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRatioLevels, 2);
        return FromUnits(units as IReadOnlyList<IReadOnlyList<double>> ?? [.. units], metric, nameof(units), maxRatioLevels);
    }

    private static double FromUnits(IReadOnlyList<IReadOnlyList<double>> units, AlphaMetric metric, string parameter, int maxRatioLevels = DefaultMaxRatioLevels)
    {
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, $"metric was {(int)metric}; it must be Nominal, Ordinal, Interval or Ratio.");
        }

        // The pairable values: those of units with at least two.
        var pairableValues = new List<double>();
        var pairable = 0;
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u] ?? throw new ArgumentNullException(parameter, $"Unit {u} is null.");
            foreach (var x in unit)
            {
                if (!double.IsFinite(x) || (metric == AlphaMetric.Ratio && x < 0))
                {
                    throw new ArgumentException(
                        $"A value was {Guard.Format(x)}; values must be finite{(metric == AlphaMetric.Ratio ? " and, for the ratio metric, at least 0" : string.Empty)}.",
                        parameter);
                }
            }

            if (unit.Count >= 2)
            {
                pairable++;
                pairableValues.AddRange(unit);
            }
        }

        if (pairable == 0)
        {
            throw new ArgumentException($"No unit of the {units.Count} has values from two coders; alpha needs pairable values.", parameter);
        }

        // n_c: how often each distinct value occurs among the pairable ones (the coincidence matrix's margins).
        pairableValues.Sort();
        var levels = new List<double>();
        var marginal = new List<double>();
        foreach (var x in pairableValues)
        {
            if (levels.Count > 0 && levels[^1] == x)
            {
                marginal[^1]++;
            }
            else
            {
                levels.Add(x);
                marginal.Add(1);
            }
        }

        var n = (double)pairableValues.Count;
        if (levels.Count == 1)
        {
            throw new ArgumentException("Every pairable value is the same; with nothing to disagree about, alpha is undefined.", parameter);
        }

        if (metric == AlphaMetric.Ratio && levels.Count > maxRatioLevels)
        {
            throw new ArgumentException(
                $"The ratio metric compares every pair of distinct values, and there are {levels.Count}; at most {maxRatioLevels} are compared (maxRatioLevels; round the values, or use the interval metric).",
                parameter);
        }

        // The ordinal metric's difference of two levels is the squared difference of their mid-ranks among the pairable
        // values (Σ n_g from one to the other, less half of each end's own count), so it is the interval metric on those.
        var position = new double[levels.Count];
        var below = 0.0;
        for (var c = 0; c < levels.Count; c++)
        {
            position[c] = metric == AlphaMetric.Ordinal ? below + (marginal[c] / 2) : levels[c];
            below += marginal[c];
        }

        // Observed disagreement: within each pairable unit, every ordered pair of its values weighted 1/(m − 1) — the
        // coincidence matrix's entries, summed as they arise rather than stored.
        var observed = 0.0;
        var at = new double[16];
        foreach (var unit in units)
        {
            if (unit.Count < 2)
            {
                continue;
            }

            if (at.Length < unit.Count)
            {
                at = new double[Math.Max(unit.Count, at.Length * 2)];
            }

            for (var i = 0; i < unit.Count; i++)
            {
                at[i] = position[levels.BinarySearch(unit[i])];
            }

            var sum = 0.0;
            for (var i = 0; i < unit.Count; i++)
            {
                for (var j = i + 1; j < unit.Count; j++)
                {
                    sum += Difference(metric, at[i], at[j], unit[i], unit[j]);
                }
            }

            observed += 2 * sum / (unit.Count - 1);
        }

        // Expected disagreement Σ n_c n_k δ²_ck: for nominal n² − Σ n_c²; for interval and ordinal (differences of
        // positions) 2n Σ n_c (p_c − p̄)²; for ratio pair by pair.
        var expected = 0.0;
        switch (metric)
        {
            case AlphaMetric.Nominal:
                expected = (n * n) - marginal.Sum(m => m * m);
                break;
            case AlphaMetric.Ratio:
                for (var c = 0; c < levels.Count; c++)
                {
                    for (var k = c + 1; k < levels.Count; k++)
                    {
                        expected += 2 * marginal[c] * marginal[k] * Difference(metric, 0, 0, levels[c], levels[k]);
                    }
                }

                break;
            default:
                var mean = 0.0;
                for (var c = 0; c < levels.Count; c++)
                {
                    mean += marginal[c] * position[c];
                }

                mean /= n;
                for (var c = 0; c < levels.Count; c++)
                {
                    expected += 2 * n * marginal[c] * (position[c] - mean) * (position[c] - mean);
                }

                break;
        }

        if (expected == 0)
        {
            throw new ArgumentException("Every pairable value is the same; with nothing to disagree about, alpha is undefined.", parameter);
        }

        return 1 - ((n - 1) * observed / expected);
    }

    /// <summary>δ² of two values, given their positions (ordinal, interval) or the values themselves (nominal, ratio).</summary>
    private static double Difference(AlphaMetric metric, double a, double b, double x, double y) => metric switch
    {
        AlphaMetric.Nominal => x == y ? 0 : 1,
        AlphaMetric.Ratio => x + y == 0 ? 0 : Math.Pow((x - y) / (x + y), 2),
        _ => (a - b) * (a - b),
    };
}

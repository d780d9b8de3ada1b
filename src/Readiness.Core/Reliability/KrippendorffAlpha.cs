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
    /// <summary>Computes alpha.</summary>
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
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, $"metric was {(int)metric}; it must be Nominal, Ordinal, Interval or Ratio.");
        }

        var (coders, units) = (values.GetLength(0), values.GetLength(1));
        var distinct = new SortedSet<double>();
        foreach (var v in values)
        {
            if (v is { } x)
            {
                if (!double.IsFinite(x) || (metric == AlphaMetric.Ratio && x < 0))
                {
                    throw new ArgumentException(
                        $"A value was {Guard.Format(x)}; values must be finite{(metric == AlphaMetric.Ratio ? " and, for the ratio metric, at least 0" : string.Empty)}.",
                        nameof(values));
                }

                distinct.Add(x);
            }
        }

        var levels = distinct.ToArray();
        var index = levels.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var c = levels.Length;
        var coincidence = new double[c, c];
        var pairable = 0;
        var codes = new List<int>(coders);
        for (var u = 0; u < units; u++)
        {
            codes.Clear();
            for (var r = 0; r < coders; r++)
            {
                if (values[r, u] is { } x)
                {
                    codes.Add(index[x]);
                }
            }

            if (codes.Count < 2)
            {
                continue;
            }

            pairable++;
            var weight = 1.0 / (codes.Count - 1);
            for (var i = 0; i < codes.Count; i++)
            {
                for (var j = 0; j < codes.Count; j++)
                {
                    if (i != j)
                    {
                        coincidence[codes[i], codes[j]] += weight;
                    }
                }
            }
        }

        if (pairable == 0)
        {
            throw new ArgumentException($"No unit of the {units} has values from two coders; alpha needs pairable values.", nameof(values));
        }

        var marginal = new double[c];
        for (var i = 0; i < c; i++)
        {
            for (var j = 0; j < c; j++)
            {
                marginal[i] += coincidence[i, j];
            }
        }

        var n = marginal.Sum();
        double observed = 0, expected = 0;
        for (var i = 0; i < c; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var delta = Difference(metric, levels, marginal, i, j);
                observed += coincidence[i, j] * delta;
                expected += marginal[i] * marginal[j] * delta;
            }
        }

        if (expected == 0)
        {
            throw new ArgumentException("Every pairable value is the same; with nothing to disagree about, alpha is undefined.", nameof(values));
        }

        return 1 - ((n - 1) * observed / expected);
    }

    /// <summary>δ² between the i-th and j-th distinct values (ascending).</summary>
    private static double Difference(AlphaMetric metric, double[] levels, double[] marginal, int i, int j)
    {
        switch (metric)
        {
            case AlphaMetric.Nominal:
                return i == j ? 0 : 1;
            case AlphaMetric.Ordinal:
                var (low, high) = i <= j ? (i, j) : (j, i);
                var between = 0.0;
                for (var g = low; g <= high; g++)
                {
                    between += marginal[g];
                }

                between -= (marginal[i] + marginal[j]) / 2;
                return between * between;
            case AlphaMetric.Interval:
                return (levels[i] - levels[j]) * (levels[i] - levels[j]);
            default:
                var sum = levels[i] + levels[j];
                return sum == 0 ? 0 : Math.Pow((levels[i] - levels[j]) / sum, 2);
        }
    }
}

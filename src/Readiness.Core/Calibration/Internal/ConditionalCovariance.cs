namespace Readiness.Calibration.Internal;

/// <summary>
/// The covariance of one ratee's predicted levels given their true levels, Cov(θ̂ | θ): how the estimates' errors move
/// together over repeated ratings of the same person, which is what a confidence interval for that person needs.
/// </summary>
/// <remarks>
/// <para>
/// Given the rater and fixed effects, the ratee's cell means ȳ_c (ratings less the fixed part and the raters' effects)
/// are their true levels plus independent errors of variance σ²/n_c, and the crossed model's predictions are linear in
/// them: θ̂_c − m_c = s_c·û + k_c·ȳ_c, with k_c = n_c/(n_c + λ_cell), s_c = 1 − k_c, λ = σ²/(the term's variance), and
/// û = Σ n_d s_d ȳ_d / P, P = λ_ratee + Σ n_d s_d. So
/// Cov(θ̂_c, θ̂_c' | θ) = σ²·(δ_cc' k_c²/n_c + s_c s_c'·((k_c + k_c')/P + Q/P²)), Q = Σ n_d s_d².
/// </para>
/// <para>
/// The posterior covariance given the same effects is σ²·(δ_cc'/(n_c + λ_cell) + s_c s_c'/P); what the exact path's
/// posterior has beyond it is the uncertainty of the rater and fixed effects, which moves the estimates the same way
/// given the true levels, and is added back unchanged.
/// </para>
/// </remarks>
internal readonly struct ConditionalCovariance
{
    private readonly double[] _n;
    private readonly int _first;
    private readonly double _residual;
    private readonly double _lambdaCell;
    private readonly double _inverseP;
    private readonly double _q;

    /// <summary>Prepares the covariances of one ratee's cells.</summary>
    /// <param name="cellCounts">The ratings in every cell of the design.</param>
    /// <param name="first">The ratee's first cell.</param>
    /// <param name="end">One past the ratee's last cell.</param>
    /// <param name="residual">σ², the residual variance.</param>
    /// <param name="rateeVariance">The ratee term's variance (0 without the term).</param>
    /// <param name="cellVariance">The ratee × competency term's variance (0 without the term).</param>
    public ConditionalCovariance(double[] cellCounts, int first, int end, double residual, double rateeVariance, double cellVariance)
    {
        (_n, _first, _residual) = (cellCounts, first, residual);
        _lambdaCell = cellVariance > 0 ? residual / cellVariance : double.PositiveInfinity;
        double p = rateeVariance > 0 ? residual / rateeVariance : double.PositiveInfinity, q = 0;
        for (var c = first; c < end; c++)
        {
            var s = Shrink(c);
            p += _n[c] * s;
            q += _n[c] * s * s;
        }

        (_inverseP, _q) = (double.IsPositiveInfinity(p) ? 0 : 1 / p, q);
    }

    /// <summary>Var(θ̂_i | θ) for the ratee's i-th cell, given its posterior variance.</summary>
    public double Variance(int i, double posterior) => Covariance(i, i, posterior);

    /// <summary>Cov(θ̂_i, θ̂_j | θ) for the ratee's i-th and j-th cells, given their posterior covariance.</summary>
    public double Covariance(int i, int j, double posterior)
    {
        var (a, b) = (_first + i, _first + j);
        var (sa, sb) = (Shrink(a), Shrink(b));
        var (ka, kb) = (1 - sa, 1 - sb);
        var sampling = (sa * sb * (((ka + kb) * _inverseP) + (_q * _inverseP * _inverseP))) + (i == j ? ka * ka / _n[a] : 0);
        var posteriorGivenEffects = (sa * sb * _inverseP) + (i == j && !double.IsPositiveInfinity(_lambdaCell) ? 1 / (_n[a] + _lambdaCell) : 0);
        return posterior + (_residual * (sampling - posteriorGivenEffects));
    }

    /// <summary>s_c: the share of the cell's prediction that comes from the ratee's effect rather than its own mean.</summary>
    private double Shrink(int c) => double.IsPositiveInfinity(_lambdaCell) ? 1 : _lambdaCell / (_n[c] + _lambdaCell);
}

using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>
/// The fixed-part row that estimates are reported for: the intercept, the competency's contrast, and the source contrasts
/// weighted by each non-self source's share of the non-self ratings — "an average rater other than the person".
/// </summary>
internal sealed class ReferenceRow
{
    private readonly CrossedDesign _d;
    private readonly double[] _sourceShare;
    private readonly int[] _sourceCount;

    public ReferenceRow(CrossedDesign design)
    {
        _d = design;
        var sources = design.Ratings.Sources;
        _sourceCount = new int[Enum.GetValues<RaterSource>().Length];
        foreach (var s in sources)
        {
            _sourceCount[(int)s]++;
        }

        var others = _sourceCount.Sum() - _sourceCount[(int)RaterSource.Self];
        _sourceShare = new double[_sourceCount.Length];
        for (var s = 0; s < _sourceCount.Length; s++)
        {
            // With self-ratings only, the reference can only be the self-ratings themselves.
            _sourceShare[s] = others == 0 ? 1.0 : s == (int)RaterSource.Self ? 0 : (double)_sourceCount[s] / others;
        }
    }

    public double[] For(int competency)
    {
        var row = SourcePart();
        row[0] = 1;
        if (_d.CompetencyColumn[competency] >= 0)
        {
            row[_d.CompetencyColumn[competency]] = 1;
        }

        return row;
    }

    public double Dot(int competency, ReadOnlySpan<double> beta)
    {
        var row = For(competency);
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            sum += row[j] * beta[j];
        }

        return sum;
    }

    public ImmutableArray<SourceEffect> SourceEffects(ReadOnlySpan<double> beta, double[] betaCovariance, double sigma2)
    {
        var p = _d.P;
        var result = ImmutableArray.CreateBuilder<SourceEffect>();
        foreach (var source in _d.SourcesPresent)
        {
            var contrast = SourcePart();
            for (var j = 0; j < p; j++)
            {
                contrast[j] = -contrast[j];
            }

            if (_d.SourceColumn[(int)source] >= 0)
            {
                contrast[_d.SourceColumn[(int)source]] += 1;
            }

            var effect = 0.0;
            var variance = 0.0;
            for (var j = 0; j < p; j++)
            {
                effect += contrast[j] * beta[j];
                for (var k = 0; k < p; k++)
                {
                    variance += contrast[j] * betaCovariance[(j * p) + k] * contrast[k];
                }
            }

            result.Add(new SourceEffect(source, effect, Math.Sqrt(Math.Max(0, sigma2 * variance)), _sourceCount[(int)source]));
        }

        return result.ToImmutable();
    }

    private double[] SourcePart()
    {
        var row = new double[_d.P];
        for (var s = 0; s < _sourceShare.Length; s++)
        {
            if (_d.SourceColumn[s] >= 0)
            {
                row[_d.SourceColumn[s]] = _sourceShare[s];
            }
        }

        return row;
    }
}

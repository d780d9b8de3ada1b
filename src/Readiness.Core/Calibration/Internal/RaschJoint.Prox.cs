namespace Readiness.Calibration.Internal;

/// <summary>PROX: the normal-approximation start of the measures and thresholds.</summary>
internal sealed partial class RaschJoint
{
    private const double ProxExpansion = 2.89; // 1.7², the logistic–normal scaling of PROX.

    /// <summary>PROX starting values for every non-extreme element and the thresholds.</summary>
    public void Prox(int rounds)
    {
        // Thresholds: log-odds of adjacent category counts, centred.
        var counts = ActiveCategoryCounts();
        for (var k = 1; k <= M; k++)
        {
            Thresholds[k] = Math.Log((double)counts[k - 1] / counts[k]);
        }

        _ = Centre(Thresholds.AsSpan(1));

        // Each element's log-odds of its proportion of the possible score (0 … M per rating).
        var logit = new double[Facets][];
        for (var f = 0; f < Facets; f++)
        {
            var score = new double[Elements[f]];
            var count = new double[Elements[f]];
            for (var i = 0; i < _category.Length; i++)
            {
                if (_active[i])
                {
                    score[_index[f][i]] += _category[i];
                    count[_index[f][i]]++;
                }
            }

            logit[f] = new double[Elements[f]];
            for (var e = 0; e < Elements[f]; e++)
            {
                logit[f][e] = count[e] > 0 && Extreme[f][e] == 0 ? Math.Log(score[e] / ((M * count[e]) - score[e])) : 0;
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var f = 0; f < Facets; f++)
            {
                // The measures this element met: mean and variance of the rest of each linear predictor.
                var sum = new double[Elements[f]];
                var squares = new double[Elements[f]];
                var count = new double[Elements[f]];
                for (var i = 0; i < _category.Length; i++)
                {
                    if (_active[i])
                    {
                        var e = _index[f][i];
                        var others = Predictor(i) - (Sign(f) * Measures[f][e]);
                        sum[e] += others;
                        squares[e] += others * others;
                        count[e]++;
                    }
                }

                for (var e = 0; e < Elements[f]; e++)
                {
                    if (count[e] > 0 && Extreme[f][e] == 0)
                    {
                        var mean = sum[e] / count[e];
                        var variance = Math.Max((squares[e] / count[e]) - (mean * mean), 0);

                        // A ratee's ability is the mean difficulty met plus the expanded log-odds of its score; a difficulty
                        // (competency, rater, source) mirrors it: the mean ability met minus the expanded log-odds.
                        Measures[f][e] = Sign(f) * (-mean + (Math.Sqrt(1 + (variance / ProxExpansion)) * logit[f][e]));
                    }
                }

                if (f > 0)
                {
                    CentreFacet(f);
                }
            }
        }
    }
}

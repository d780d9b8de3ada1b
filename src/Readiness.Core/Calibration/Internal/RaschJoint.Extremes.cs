namespace Readiness.Calibration.Internal;

/// <summary>Elements whose every rating is at one end of the scale: marked, left out of estimation, then measured with the extreme-score adjustment.</summary>
internal sealed partial class RaschJoint
{
    /// <summary>The most sweeps over the extreme elements.</summary>
    private const int MaxExtremeSweeps = 100;

    /// <summary>The largest move, in logits, of any extreme element in a sweep at which their estimates stop.</summary>
    private const double ExtremeSweepTolerance = 1e-10;

    /// <summary>Sets aside extreme elements until none is left among the ratings still used; returns the active count.</summary>
    public int MarkExtremes()
    {
        Array.Fill(_active, true);
        while (true)
        {
            var changed = false;
            for (var f = 0; f < Facets; f++)
            {
                var min = new int[Elements[f]];
                var max = new int[Elements[f]];
                Array.Fill(min, int.MaxValue);
                Array.Fill(max, int.MinValue);
                for (var i = 0; i < _category.Length; i++)
                {
                    if (_active[i])
                    {
                        var e = _index[f][i];
                        min[e] = Math.Min(min[e], _category[i]);
                        max[e] = Math.Max(max[e], _category[i]);
                    }
                }

                for (var e = 0; e < Elements[f]; e++)
                {
                    if (Extreme[f][e] == 0 && min[e] != int.MaxValue && min[e] == max[e] && (min[e] == 0 || min[e] == M))
                    {
                        Extreme[f][e] = min[e] == 0 ? -1 : 1;
                        changed = true;
                    }
                }

                for (var i = 0; i < _category.Length; i++)
                {
                    if (_active[i] && Extreme[f][_index[f][i]] != 0)
                    {
                        _active[i] = false;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        ActiveRatings = _active.Count(a => a);
        return ActiveRatings;
    }

    /// <summary>
    /// Estimates every extreme element from its score over all its ratings, holding every other element; elements that met
    /// other extreme elements are revisited until none moves.
    /// </summary>
    /// <remarks>
    /// An element set aside in the first pass scored 0 or the maximum: that score moves <see cref="ExtremeAdjustment"/>
    /// inward. One set aside only once others were (rated all-highest except by a rater who rated everyone lowest) has a
    /// score strictly inside the range, and so a finite estimate from the score itself; giving it the maximum instead asks
    /// for a score its ratings cannot reach, and the two elements climb together without bound.
    /// </remarks>
    public void EstimateExtremes(double tolerance)
    {
        var cumulative = CumulativeThresholds();
        var ratingsOf = new List<int>[Facets][];
        for (var f = 0; f < Facets; f++)
        {
            ratingsOf[f] = new List<int>[Elements[f]];
        }

        for (var i = 0; i < _category.Length; i++)
        {
            for (var f = 0; f < Facets; f++)
            {
                var e = _index[f][i];
                if (Extreme[f][e] != 0)
                {
                    (ratingsOf[f][e] ??= []).Add(i);
                }
            }
        }

        // Start beyond the estimated range, on the side of the extreme score.
        for (var f = 0; f < Facets; f++)
        {
            for (var e = 0; e < Elements[f]; e++)
            {
                if (Extreme[f][e] != 0)
                {
                    Measures[f][e] = Sign(f) * Extreme[f][e] * 2;
                }
            }
        }

        for (var sweep = 0; sweep < MaxExtremeSweeps; sweep++)
        {
            var moved = 0.0;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    var ratings = ratingsOf[f][e];
                    if (ratings is null)
                    {
                        continue;
                    }

                    var offsets = new double[ratings.Count];
                    var score = 0;
                    for (var j = 0; j < ratings.Count; j++)
                    {
                        offsets[j] = Predictor(ratings[j]) - (Sign(f) * Measures[f][e]);
                        score += _category[ratings[j]];
                    }

                    // Solve in the direction the element raises scores: ratees up, difficulties down.
                    var (measure, _) = RatingScaleCategories.Solve(offsets, ScoreToSolve(score, ratings.Count), cumulative, Sign(f) * Measures[f][e], tolerance);
                    moved = Math.Max(moved, Math.Abs((Sign(f) * measure) - Measures[f][e]));
                    Measures[f][e] = Sign(f) * measure;
                }
            }

            if (moved < ExtremeSweepTolerance)
            {
                break;
            }
        }
    }
}

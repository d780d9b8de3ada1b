namespace Readiness.Calibration.Internal;

/// <summary>With sources as a facet: the source contrasts the data cannot tell apart from the people rated, set to their smallest values.</summary>
internal sealed partial class RaschJoint
{
    /// <summary>The length below which a vector, its projections on a basis removed, is taken to lie in the basis's span.</summary>
    private const double SpanTolerance = 1e-6;

    /// <summary>An eigenvalue of the source conditions' Gram matrix below this share of the largest is taken as 0 (its eigenvector is a contrast the data leave free).</summary>
    private const double NullEigenvalueShare = 1e-9;

    /// <summary>
    /// With sources as a facet, finds the source contrasts the design cannot identify and sets them by the smallest source
    /// measures; returns how many there were.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A rating fixes only B_ratee − C_rater − S_source (competencies aside). In a strict hierarchy a manager rates their team
    /// as Manager and their own manager as DirectReport, so "each level up is rated δ higher" and "direct reports rate δ
    /// higher and managers δ lower" fit equally well: the likelihood is flat along such a direction and the measures on it
    /// depend on where the iteration started. Shifts v with b_n − c_r − s_s = 0 for every rating in use are found by giving
    /// every ratee and rater a potential that is linear in the source shifts s (along a spanning tree of the ratee–rater
    /// graph); each other edge adds a linear condition on s. The conditions' null space, less the shifts the centring
    /// conventions already remove (one per rater group), are the unidentified contrasts. Along them the sources are moved to
    /// the smallest sum of squares, ratees and raters following their potentials, so the likelihood is unchanged and the
    /// answer no longer depends on the path.
    /// </para>
    /// </remarks>
    public int SetUnidentifiedSourceContrasts()
    {
        if (Facets <= RaschFacet.Source || RaterGroups is not { } raterGroups || SourceGroups is not { } sourceGroups)
        {
            return 0;
        }

        int ratees = Elements[RaschFacet.Ratee], raters = Elements[RaschFacet.Rater], sources = Elements[RaschFacet.Source];
        var byRatee = new List<(int Rater, int Source)>[ratees];
        var byRater = new List<(int Ratee, int Source)>[raters];
        var seen = new HashSet<(int, int, int)>();
        var rated = new bool[sources];
        for (var i = 0; i < _category.Length; i++)
        {
            var (n, r, s) = (_index[RaschFacet.Ratee][i], _index[RaschFacet.Rater][i], _index[RaschFacet.Source][i]);
            if (_active[i] && seen.Add((n, r, s)))
            {
                rated[s] = true;
                (byRatee[n] ??= []).Add((r, s));
                (byRater[r] ??= []).Add((n, s));
            }
        }

        // Potentials as coefficient vectors over the source shifts; a component's root is 0 (the common shift is centred away).
        var b = new double[ratees][];
        var c = new double[raters][];
        var gram = new double[sources, sources];
        void Condition(double[] row)
        {
            for (var k = 0; k < sources; k++)
            {
                for (var l = 0; l < sources; l++)
                {
                    gram[k, l] += row[k] * row[l];
                }
            }
        }

        // A source without a rating in use (extreme, or every rater set aside) has nothing to tell apart: the condition
        // s_k = 0 (a unit row, adding 1 to the diagonal) holds it where it is.
        for (var k = 0; k < sources; k++)
        {
            if (!rated[k])
            {
                gram[k, k] += 1;
            }
        }

        var queue = new Queue<(bool IsRater, int Node)>();
        for (var root = 0; root < ratees; root++)
        {
            if (byRatee[root] is null || b[root] is not null)
            {
                continue;
            }

            b[root] = new double[sources];
            queue.Enqueue((false, root));
            while (queue.TryDequeue(out var node))
            {
                if (!node.IsRater)
                {
                    foreach (var (r, s) in byRatee[node.Node])
                    {
                        var expected = (double[])b[node.Node].Clone();
                        expected[s] -= 1; // c_r = b_n − s_s
                        if (c[r] is null)
                        {
                            c[r] = expected;
                            queue.Enqueue((true, r));
                        }
                        else
                        {
                            Condition([.. expected.Select((x, k) => x - c[r][k])]);
                        }
                    }
                }
                else
                {
                    foreach (var (n, s) in byRater[node.Node])
                    {
                        var expected = (double[])c[node.Node].Clone();
                        expected[s] += 1; // b_n = c_r + s_s
                        if (b[n] is null)
                        {
                            b[n] = expected;
                            queue.Enqueue((false, n));
                        }
                        else
                        {
                            Condition([.. expected.Select((x, k) => x - b[n][k])]);
                        }
                    }
                }
            }
        }

        // The null space of the conditions, less each rater group's indicator over its sources (the centring handles those).
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(gram);
        var evd = matrix.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var scale = Math.Max(1, evd.EigenValues.Max(v => v.Real));
        var basis = new List<double[]>();
        foreach (var group in sourceGroups.Distinct())
        {
            Orthonormalise(basis, [.. sourceGroups.Select((g, k) => g == group && rated[k] ? 1.0 : 0)]);
        }

        var fixedCount = basis.Count;
        for (var j = 0; j < sources; j++)
        {
            if (Math.Abs(evd.EigenValues[j].Real) < NullEigenvalueShare * scale)
            {
                Orthonormalise(basis, evd.EigenVectors.Column(j).ToArray());
            }
        }

        var free = basis.Skip(fixedCount).ToArray();
        if (free.Length == 0)
        {
            return 0;
        }

        var shift = new double[sources];
        foreach (var u in free)
        {
            var t = -Measures[RaschFacet.Source].Select((x, k) => x * u[k]).Sum();
            for (var k = 0; k < sources; k++)
            {
                shift[k] += t * u[k];
            }
        }

        for (var k = 0; k < sources; k++)
        {
            Measures[RaschFacet.Source][k] += shift[k];
        }

        for (var n = 0; n < ratees; n++)
        {
            Measures[RaschFacet.Ratee][n] += b[n] is null ? 0 : b[n].Select((x, k) => x * shift[k]).Sum();
        }

        for (var r = 0; r < raters; r++)
        {
            Measures[RaschFacet.Rater][r] += c[r] is null ? 0 : c[r].Select((x, k) => x * shift[k]).Sum();
        }

        CentreRatersByGroup(raterGroups, sourceGroups);
        CentreFacet(3);
        return free.Length;
    }

    /// <summary>Adds <paramref name="vector"/> to an orthonormal basis when it is not already (nearly) in its span.</summary>
    private static void Orthonormalise(List<double[]> basis, double[] vector)
    {
        foreach (var u in basis)
        {
            var dot = vector.Select((x, k) => x * u[k]).Sum();
            for (var k = 0; k < vector.Length; k++)
            {
                vector[k] -= dot * u[k];
            }
        }

        var norm = Math.Sqrt(vector.Sum(x => x * x));
        if (norm > SpanTolerance)
        {
            basis.Add([.. vector.Select(x => x / norm)]);
        }
    }
}

using Readiness.Internal;

namespace Readiness.Calibration.Internal;

/// <summary>Joint maximum likelihood by Newton steps for every measure and threshold at once, each solved by conjugate gradients.</summary>
internal sealed partial class RaschJoint
{
    /// <summary>Newton–Raphson until the likelihood equations hold within <paramref name="tolerance"/> score points.</summary>
    /// <remarks>
    /// Each iteration takes one Newton step for every measure and every threshold at once: the information matrix (see
    /// <see cref="Multiply"/>) is solved by conjugate gradients preconditioned with its diagonal, one pass over the ratings
    /// per product, and the whole step is shortened to at most <paramref name="maxStep"/> logits. Facet-by-facet steps
    /// converge linearly and slowly here, because a rater's severity and the level of the team they rate move together
    /// (measured: 1,000 sweeps left residuals of 1e-8 on 300 people); a threshold step taken apart from the measures still
    /// converged only linearly (×0.47 per iteration, 39 iterations on a million ratings).
    /// </remarks>
    public bool Estimate(double tolerance, int maxIterations, double maxStep, Action<int, double>? report, CancellationToken cancellationToken)
    {
        var step = Elements.Select(n => new double[n]).Append(new double[M + 1]).ToArray();
        var solved = SolvedElements();
        for (Iterations = 1; Iterations <= maxIterations; Iterations++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var largest = Check();
            report?.Invoke(Iterations, largest);
            if (largest < tolerance)
            {
                return true;
            }

            NewtonStep(step, solved, cancellationToken);
            var longest = step.Max(s => s.Max(Math.Abs));
            var scale = longest > maxStep ? maxStep / longest : 1;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    Measures[f][e] += scale * step[f][e];
                }
            }

            for (var k = 1; k <= M; k++)
            {
                Thresholds[k] += scale * step[Facets][k];
            }

            CentreThresholds();
            for (var f = 1; f < Facets; f++)
            {
                CentreFacet(f);
            }
        }

        Iterations = maxIterations;
        return false;
    }

    /// <summary>
    /// The elements the Newton step solves for, by facet and then the thresholds: every non-extreme element with ratings in
    /// use, except one anchor for each shift that leaves the probabilities unchanged (the first of every facet after the
    /// ratees; with sources, the first rater of each rater group instead of the first rater; the first threshold). Without anchors the information matrix is singular, and the
    /// rounding in the score residuals is not orthogonal to its null space: conjugate gradients then stall near 1e-7.
    /// Centring after the step restores the conventions.
    /// </summary>
    private bool[][] SolvedElements()
    {
        var used = Elements.Select(n => new bool[n]).ToArray();
        for (var i = 0; i < _category.Length; i++)
        {
            for (var f = 0; f < Facets && _active[i]; f++)
            {
                used[f][_index[f][i]] = true;
            }
        }

        var solved = new bool[Facets][];
        for (var f = 0; f < Facets; f++)
        {
            solved[f] = new bool[Elements[f]];
            var anchoredGroups = new HashSet<int>();
            for (var e = 0; e < Elements[f]; e++)
            {
                var free = Extreme[f][e] == 0 && used[f][e];
                var anchor = free && f > 0 && anchoredGroups.Add(f != 2 ? 0 : RaterGroups is { } groups ? groups[e] : RateeRaterGroups is { } parts ? parts.Raters[e] : 0);
                solved[f][e] = free && !anchor;
            }
        }

        // The thresholds follow the measures; their steps are kept summing to 0 instead of anchoring one (τ − c with every
        // ratee − c changes nothing): measured on a million ratings, 30.1 s where anchoring τ_1 took 35.4 s (both on one thread).
        return [.. solved, [.. Enumerable.Range(0, M + 1).Select(k => k >= 1)]];
    }

    /// <summary>
    /// The Newton system I δ = g as conjugate gradients see it: one vector of the measures of every facet and then the
    /// thresholds, the parameters not solved held at 0 and the threshold steps kept summing to 0 (both products projected).
    /// </summary>
    private sealed class NewtonSystem : IBlockOperator
    {
        private readonly RaschJoint _joint;
        private readonly int[] _offsets;
        private readonly bool[] _solved;
        private readonly double[] _diagonal;
        private readonly double[][] _product;
        private readonly double[][] _direction;

        public NewtonSystem(RaschJoint joint, bool[][] solved)
        {
            _joint = joint;
            _offsets = new int[solved.Length + 1];
            for (var f = 0; f < solved.Length; f++)
            {
                _offsets[f + 1] = _offsets[f] + solved[f].Length;
            }

            _solved = [.. solved.SelectMany(b => b)];
            _diagonal = [.. joint._information.SelectMany(b => b), .. joint._thresholdInformation];
            _product = [.. solved.Select(b => new double[b.Length])];
            _direction = [.. solved.Select(b => new double[b.Length])];
        }

        public int Unknowns => _offsets[^1];

        /// <summary>q = I p, one column (the Rasch step is a single system).</summary>
        public void Multiply(double[] p, double[] q, int width)
        {
            Split(p, _direction);
            _joint.Multiply(_direction, _product);
            Join(_product, q);
            CentreThresholdBlock(q.AsSpan(_offsets[^2]));
            Mask(q);
        }

        /// <summary>z = D⁻¹ r with D the information's diagonal.</summary>
        public void Precondition(double[] r, double[] z, int width)
        {
            for (var i = 0; i < r.Length; i++)
            {
                z[i] = _solved[i] ? r[i] / _diagonal[i] : 0;
            }

            CentreThresholdBlock(z.AsSpan(_offsets[^2]));
        }

        public void Mask(double[] v)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] = _solved[i] ? v[i] : 0;
            }
        }

        public void Join(double[][] blocks, double[] into)
        {
            for (var f = 0; f < blocks.Length; f++)
            {
                blocks[f].CopyTo(into, _offsets[f]);
            }
        }

        public void Split(double[] from, double[][] blocks)
        {
            for (var f = 0; f < blocks.Length; f++)
            {
                Array.Copy(from, _offsets[f], blocks[f], 0, blocks[f].Length);
            }
        }
    }

    /// <summary>
    /// Solves I δ = g for the Newton step (g: the scores of the measures, signed by facet, and of the thresholds; I: the
    /// information at the last pass) over the <paramref name="solved"/> parameters by conjugate gradients with the diagonal
    /// as preconditioner; the threshold block is kept summing to 0 (projected conjugate gradients). The solve is loose
    /// (residual 1e-2 of the start): an inexact Newton step still cuts the score residuals about a hundredfold, while 1e-1
    /// needed more outer iterations than it saved in products (14 against 10 on a million ratings).
    /// </summary>
    private void NewtonStep(double[][] step, bool[][] solved, CancellationToken cancellationToken)
    {
        const int MaxSolveIterations = 2000;
        const double RelativeTolerance = 1e-2;
        var system = new NewtonSystem(this, solved);
        var n = system.Unknowns;
        var scores = new double[Facets + 1][];
        for (var f = 0; f < Facets; f++)
        {
            scores[f] = [.. _residual[f].Select(x => Sign(f) * x)];
        }

        // d log L / d τ_k = expected − observed count at or above k.
        scores[Facets] = [.. Enumerable.Range(0, M + 1).Select(k => k == 0 ? 0 : -ThresholdResidual(k))];
        CentreThresholdBlock(scores[Facets]);
        var r = new double[n];
        system.Join(scores, r);
        system.Mask(r);
        var reference = new double[1];
        BlockConjugateGradients.ColumnDots(r, r, n, 1, reference);
        var x = new double[n];
        BlockConjugateGradients.Solve(system, 1, x, r, (new double[n], new double[n], new double[n]), reference, [RelativeTolerance], MaxSolveIterations, null, cancellationToken);
        system.Split(x, step);
    }

    /// <summary>
    /// q = I v over measures and thresholds, one pass over the active ratings. Per rating, with w its model variance,
    /// T_k = P(x ≥ k), a the element signs (+1 ratee, −1 the rest) and U_k = [x ≥ k]: I(η, η) = w; I(η, τ_k) = −Cov(x, U_k)
    /// with Cov(x, U_k) = k·T_k + Σ_{l&gt;k} T_l − E[x]·T_k; I(τ_k, τ_l) = Cov(U_k, U_l) = T_max(k,l) − T_k·T_l.
    /// </summary>
    private void Multiply(double[][] v, double[][] q)
    {
        // Fixed chunks of ratings, each into its own buffer, summed in chunk order: the products (and so every result) are
        // the same bit for bit however many threads run them.
        var chunks = _chunkBuffers.Length;
        var size = (_category.Length + chunks - 1) / chunks;
        Parallel.For(0, chunks, c => MultiplyRange(v, _chunkBuffers[c], c * size, Math.Min(_category.Length, (c + 1) * size)));
        for (var f = 0; f < q.Length; f++)
        {
            Array.Copy(_chunkBuffers[0][f], q[f], q[f].Length);
            for (var c = 1; c < chunks; c++)
            {
                var from = _chunkBuffers[c][f];
                var to = q[f];
                for (var e = 0; e < to.Length; e++)
                {
                    to[e] += from[e];
                }
            }
        }
    }

    private void MultiplyRange(double[][] v, double[][] q, int start, int end)
    {
        foreach (var column in q)
        {
            Array.Clear(column);
        }

        var m = M;
        var thresholds = v[Facets];
        var result = q[Facets];
        Span<double> covariance = stackalloc double[m + 1];
        for (var i = start; i < end; i++)
        {
            if (!_active[i])
            {
                continue;
            }

            var s = v[RaschFacet.Ratee][_index[RaschFacet.Ratee][i]];
            for (var f = 1; f < _index.Length; f++)
            {
                s -= v[f][_index[f][i]];
            }

            var tail = _tail.AsSpan(i * m, m);
            double mean = 0, above = 0, tv = 0;
            for (var k = 0; k < m; k++)
            {
                mean += tail[k];
                tv += tail[k] * thresholds[k + 1];
            }

            // Cov(x, U_k) for k = m … 1, with the running sum of the tails above k.
            var u = 0.0;
            for (var k = m; k >= 1; k--)
            {
                covariance[k] = (k * tail[k - 1]) + above - (mean * tail[k - 1]);
                above += tail[k - 1];
                u += covariance[k] * thresholds[k];
            }

            var measures = (_weight[i] * s) - u;
            q[RaschFacet.Ratee][_index[RaschFacet.Ratee][i]] += measures;
            for (var f = 1; f < _index.Length; f++)
            {
                q[f][_index[f][i]] -= measures;
            }

            // Σ_l T_max(k,l) v_l = T_k Σ_{l≤k} v_l + Σ_{l>k} T_l v_l, by a running sum from the top.
            var upper = 0.0;
            var lower = 0.0;
            for (var k = 1; k <= m; k++)
            {
                lower += thresholds[k];
            }

            for (var k = m; k >= 1; k--)
            {
                result[k] += -(covariance[k] * s) + (tail[k - 1] * lower) + upper - (tail[k - 1] * tv);
                lower -= thresholds[k];
                upper += tail[k - 1] * thresholds[k];
            }
        }
    }

    /// <summary>Projects the threshold part of a vector (indices 1…M) onto steps that sum to 0.</summary>
    private static void CentreThresholdBlock(Span<double> thresholds) => _ = Centre(thresholds[1..]);
}

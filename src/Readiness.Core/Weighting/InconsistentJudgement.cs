namespace Readiness.Weighting;

/// <summary>The judgement that contributes most to a matrix's inconsistency, and the value that would fit the weights.</summary>
/// <remarks>
/// For a judgement a_ij and weights w, the deviation is ε = a_ij·w_j / w_i (1 when the judgement agrees with the weights).
/// With eigenvector weights λmax − n = (1/n)·Σ_{i&lt;j} (ε + 1/ε − 2), so the judgement with the largest ε + 1/ε contributes
/// the most to the consistency index. Changing it towards <see cref="ConsistentValue"/> lowers the inconsistency most.
/// </remarks>
public sealed class InconsistentJudgement
{
    internal InconsistentJudgement(string row, string column, double given, double consistentValue)
    {
        Row = row;
        Column = column;
        Given = given;
        ConsistentValue = consistentValue;
    }

    /// <summary>Gets the competency judged more (or less) important.</summary>
    public string Row { get; }

    /// <summary>Gets the competency it was compared with.</summary>
    public string Column { get; }

    /// <summary>Gets the judgement given: Row matters this many times as much as Column.</summary>
    public double Given { get; }

    /// <summary>Gets w_row / w_col: the judgement that would agree exactly with the derived weights.</summary>
    public double ConsistentValue { get; }

    /// <summary>Gets ε = Given / ConsistentValue: above 1 the judgement overstates Row, below 1 it understates it.</summary>
    public double Deviation => Given / ConsistentValue;

    /// <summary>Returns e.g. <c>[delegates, influences] = 5, consistent with the weights: 1.8</c>.</summary>
    /// <returns>The judgement as text.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"[{Row}, {Column}] = {Given:0.###}, consistent with the weights: {ConsistentValue:0.###}");
}

namespace Readiness.Calibration.Internal;

/// <summary>Union–find over 0 … n − 1 with path halving; a set's root is its smallest member, so numbering is deterministic.</summary>
internal sealed class DisjointSets(int count)
{
    private readonly int[] _parent = [.. Enumerable.Range(0, count)];

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    public void Union(int a, int b)
    {
        (a, b) = (Find(a), Find(b));
        if (a != b)
        {
            _parent[Math.Max(a, b)] = Math.Min(a, b);
        }
    }
}

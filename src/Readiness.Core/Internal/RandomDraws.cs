namespace Readiness.Internal;

/// <summary>Seeded random draws shared by the simulator and the evidence plan.</summary>
internal static class RandomDraws
{
    /// <summary>A standard normal draw (Box–Muller), written out so that the stream depends only on <see cref="Random"/>'s seeded sequence.</summary>
    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace Readiness.Internal;

/// <summary>The vectorised kernels the numeric code shares: adds, scalings and a dot product over spans.</summary>
/// <remarks>
/// <see cref="Vector{T}"/> serves x64 and Arm64 alike, with a scalar tail. Sums run in a fixed order for a given vector
/// width, so results are deterministic on a machine.
/// </remarks>
internal static class VectorMath
{
    /// <summary>a·b + c: fused, with one rounding, where the processor has the instruction (x64 since 2013, every Arm64), else multiplied, then added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> MultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c)
    {
#if NET9_0_OR_GREATER
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            return Vector.FusedMultiplyAdd(a, b, c);
        }
#endif
        return (a * b) + c;
    }

    /// <summary>y += s·x.</summary>
    public static void AddScaled(Span<double> y, ReadOnlySpan<double> x, double s)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<double>.Count)
        {
            var scale = new Vector<double>(s);
            for (; i <= y.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(y[i..]) + (scale * new Vector<double>(x[i..]))).CopyTo(y[i..]);
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] += s * x[i];
        }
    }

    /// <summary>y += x.</summary>
    public static void Add(Span<double> y, ReadOnlySpan<double> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<double>.Count)
        {
            for (; i <= y.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(y[i..]) + new Vector<double>(x[i..])).CopyTo(y[i..]);
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] += x[i];
        }
    }

    /// <summary>y ·= s.</summary>
    public static void Scale(Span<double> y, double s)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<double>.Count)
        {
            for (; i <= y.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(y[i..]) * s).CopyTo(y[i..]);
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] *= s;
        }
    }

    /// <summary>xᵀy.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}

namespace Readiness.Hardening.Tests;

/// <summary>What every refusal must be: the documented exception, its message naming the problem — and never a defect.</summary>
internal static class Refusal
{
    /// <summary>Exceptions that mean a bug in the library, whatever the input.</summary>
    public static bool IsDefect(Exception e) =>
        e is NullReferenceException or IndexOutOfRangeException or InvalidCastException or OutOfMemoryException
            or KeyNotFoundException or DivideByZeroException or OverflowException or NotImplementedException
            or AccessViolationException or InsufficientExecutionStackException;

    /// <summary>Runs <paramref name="act"/> and asserts it throws <typeparamref name="T"/> (or a subtype) with every fragment in its message.</summary>
    public static T Assert<T>(Action act, params string[] fragments)
        where T : Exception
    {
        var e = Record.Exception(act);
        Xunit.Assert.NotNull(e);
        Xunit.Assert.False(IsDefect(e), $"a defect, not a refusal: {e}");
        var refusal = Xunit.Assert.IsAssignableFrom<T>(e);
        foreach (var fragment in fragments)
        {
            Xunit.Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        return refusal;
    }

    /// <summary>Runs <paramref name="act"/>; whatever it throws must not be a defect.</summary>
    public static Exception? NoDefect(Action act)
    {
        var e = Record.Exception(act);
        Xunit.Assert.False(e is not null && IsDefect(e), $"a defect, not a refusal: {e}");
        return e;
    }

    public static string Corpus(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "BadInput", .. parts]);
}

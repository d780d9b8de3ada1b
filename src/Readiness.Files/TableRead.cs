using System.Collections.Immutable;

namespace Readiness.Files;

/// <summary>What a reader took from a table, and every row (or cell) it left out, with the line and the reason.</summary>
/// <typeparam name="T">What the table holds.</typeparam>
/// <threadsafety>Immutable when <typeparamref name="T"/> is; safe to share across threads.</threadsafety>
public sealed class TableRead<T>
{
    internal TableRead(T value, ImmutableArray<TableReject> rejected) => (Value, Rejected) = (value, rejected);

    /// <summary>Gets what was read.</summary>
    public T Value { get; }

    /// <summary>Gets the rows and cells left out, in the order of the file.</summary>
    public ImmutableArray<TableReject> Rejected { get; }
}

/// <summary>A row or cell a reader left out: its line (a worksheet's row) and why.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class TableReject
{
    internal TableReject(int line, string message) => (Line, Message) = (line, message);

    /// <summary>Gets the line the row starts on (1 is the header).</summary>
    public int Line { get; }

    /// <summary>Gets why it was left out, and what became of it; text from the file is shown escaped.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}

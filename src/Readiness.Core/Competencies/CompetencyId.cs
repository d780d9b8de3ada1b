using System.Diagnostics.CodeAnalysis;
using Readiness.Internal;

namespace Readiness.Competencies;

/// <summary>The id of a competency, e.g. <c>delegates</c>: what ratings, role profiles, estimates and files refer to.</summary>
/// <remarks>
/// <para>
/// An id is 1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit, so it travels
/// through CSV exports, JSON files and URLs unescaped. Two ids that differ only in case are the same id
/// (<c>Delegates</c> is <c>delegates</c>): equality, hashing and ordering ignore case, so a dictionary keyed by ids needs
/// no comparer of its own. The id keeps the text as it was given.
/// </para>
/// <para>
/// A string converts to an id implicitly, as an element name does in LINQ to XML, so <c>model.GetCompetency("delegates")</c>
/// reads naturally; a string that breaks the rule throws there. Use <see cref="TryCreate"/> for text from outside. The
/// default value has no id (<see cref="IsEmpty"/>) and is refused wherever an id is required.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public readonly struct CompetencyId : IEquatable<CompetencyId>, IComparable<CompetencyId>
{
    private readonly string? _value;

    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the rule; the message names it and the rule.</exception>
    public CompetencyId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IdRules.Check(value) is { } problem)
        {
            throw new ArgumentException($"Competency id {problem}.", nameof(value));
        }

        _value = value;
    }

    /// <summary>Gets the id text as given; empty for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the default value, which holds no id.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates an id when <paramref name="value"/> follows the rule.</summary>
    /// <param name="value">The id text.</param>
    /// <param name="id">The id, or the default value when the text is not a valid id.</param>
    /// <returns>True when the text is a valid id.</returns>
    public static bool TryCreate([NotNullWhen(true)] string? value, out CompetencyId id)
    {
        id = IdRules.Check(value) is null ? new CompetencyId(value!) : default;
        return !id.IsEmpty;
    }

    /// <summary>Converts text to an id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or breaks the rule.</exception>
    public static implicit operator CompetencyId(string value) => new(value);

    /// <summary>Compares two ids, ignoring case.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when the ids are the same.</returns>
    public static bool operator ==(CompetencyId left, CompetencyId right) => left.Equals(right);

    /// <summary>Compares two ids, ignoring case.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when the ids differ.</returns>
    public static bool operator !=(CompetencyId left, CompetencyId right) => !left.Equals(right);

    /// <summary>Orders two ids, ignoring case.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(CompetencyId left, CompetencyId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two ids, ignoring case.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(CompetencyId left, CompetencyId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two ids, ignoring case.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts first or the ids are the same.</returns>
    public static bool operator <=(CompetencyId left, CompetencyId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two ids, ignoring case.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts last or the ids are the same.</returns>
    public static bool operator >=(CompetencyId left, CompetencyId right) => left.CompareTo(right) >= 0;

    /// <summary>Converts text to an id (the named alternative to the implicit conversion).</summary>
    /// <param name="value">The id text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or breaks the rule.</exception>
    public static CompetencyId FromString(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(CompetencyId other) => IdRules.Comparer.Equals(Value, other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CompetencyId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IdRules.Comparer.GetHashCode(Value);

    /// <summary>Orders ids ignoring case (ordinal on the upper-cased text); the default value, whose text is empty, first.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>Negative, zero or positive as this id sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(CompetencyId other) => IdRules.Comparer.Compare(Value, other.Value);

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text as given; empty for the default value.</returns>
    public override string ToString() => Value;
}

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>The id of the person giving a rating.</summary>
/// <remarks>
/// A separate type from <see cref="RateeId"/> so that the two cannot be swapped by accident; both follow one rule:
/// 1 to 128 characters, no control or invisible formatting characters (Unicode category Cf: zero-width spaces,
/// bidirectional controls), no leading or trailing white space. Equality and ordering are ordinal
/// (case-sensitive), on the text as given: no Unicode normalisation is applied (the library must give the same answer
/// in hosts without ICU), so ids are expected in normalisation form C, which spreadsheets and HR systems write, and an
/// accent typed as a combining mark is a different id from the precomposed letter. The default value has no id (<see cref="IsEmpty"/>) and is rejected wherever an id is required.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public readonly struct RaterId : IEquatable<RaterId>, IComparable<RaterId>
{
    private readonly string? _value;

    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty, longer than 128 characters, contains
    /// control or invisible formatting characters or starts or ends with white space.</exception>
    public RaterId(string value)
    {
        if (PersonIdRules.Check(value) is { } problem)
        {
            throw new ArgumentException($"Rater id {problem}.", nameof(value));
        }

        _value = value;
    }

    private RaterId(string value, bool internalUnit)
    {
        Debug.Assert(internalUnit, "only Internal makes ids without the rule");
        _value = value;
    }

    /// <summary>
    /// An id that breaks the rule on purpose, for a stand-in rater the library makes up inside a fit (a person's raters of
    /// one source): it holds an invisible separator, so it can never equal an id from outside.
    /// </summary>
    internal static RaterId Internal(string value) => new(value, internalUnit: true);

    /// <summary>Gets the id text; empty for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the default value, which holds no id.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Creates an id when <paramref name="value"/> follows the rule.</summary>
    /// <param name="value">The id text.</param>
    /// <param name="id">The id, or the default value when the text is not a valid id.</param>
    /// <returns>True when the text is a valid id.</returns>
    public static bool TryCreate([NotNullWhen(true)] string? value, out RaterId id)
    {
        id = PersonIdRules.Check(value) is null ? new RaterId(value!) : default;
        return !id.IsEmpty;
    }

    /// <summary>Compares two ids for equality (ordinal).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when the ids are equal.</returns>
    public static bool operator ==(RaterId left, RaterId right) => left.Equals(right);

    /// <summary>Compares two ids for inequality (ordinal).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when the ids differ.</returns>
    public static bool operator !=(RaterId left, RaterId right) => !left.Equals(right);

    /// <summary>Orders two ids (ordinal).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(RaterId left, RaterId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two ids (ordinal).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(RaterId left, RaterId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two ids (ordinal).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts first or the ids are equal.</returns>
    public static bool operator <=(RaterId left, RaterId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two ids (ordinal).</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when <paramref name="left"/> sorts last or the ids are equal.</returns>
    public static bool operator >=(RaterId left, RaterId right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public bool Equals(RaterId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RaterId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(RaterId other) => string.CompareOrdinal(_value, other._value);

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text; empty for the default value.</returns>
    public override string ToString() => Value;
}

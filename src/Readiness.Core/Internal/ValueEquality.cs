using System.Collections.Immutable;

namespace Readiness.Internal;

/// <summary>
/// An options record's backing field for an immutable dictionary: the record's generated equality compares its fields, and
/// an <see cref="ImmutableDictionary{TKey, TValue}"/> compares by reference, so two equal options would compare unequal.
/// This compares the entries (looked up with the other dictionary's comparer).
/// </summary>
internal readonly struct EquatableDictionary<TKey, TValue>(ImmutableDictionary<TKey, TValue>? items) : IEquatable<EquatableDictionary<TKey, TValue>>
    where TKey : notnull
{
    public ImmutableDictionary<TKey, TValue>? Items { get; } = items;

    public bool Equals(EquatableDictionary<TKey, TValue> other)
    {
        if (Items is null || other.Items is null)
        {
            return Items is null && other.Items is null;
        }

        if (Items.Count != other.Items.Count)
        {
            return false;
        }

        foreach (var (key, value) in Items)
        {
            if (!other.Items.TryGetValue(key, out var theirs) || !EqualityComparer<TValue>.Default.Equals(value, theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableDictionary<TKey, TValue> other && Equals(other);

    /// <summary>The count only: equal dictionaries may enumerate in different orders, and the count already separates most.</summary>
    public override int GetHashCode() => Items?.Count ?? -1;
}

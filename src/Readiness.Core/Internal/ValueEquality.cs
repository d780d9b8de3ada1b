using System.Collections.Immutable;

namespace Readiness.Internal;

/// <summary>
/// A record's backing field for an immutable array: the record's generated equality compares its fields, and an
/// <see cref="ImmutableArray{T}"/> compares by reference, so two equal results would compare unequal. This compares the
/// items in order.
/// </summary>
internal readonly struct EquatableArray<T>(ImmutableArray<T> items) : IEquatable<EquatableArray<T>>
{
    public ImmutableArray<T> Items { get; } = items;

    public bool Equals(EquatableArray<T> other) =>
        Items.IsDefault || other.Items.IsDefault ? Items.IsDefault == other.Items.IsDefault : Items.AsSpan().SequenceEqual(other.Items.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        if (Items.IsDefault)
        {
            return 0;
        }

        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A record's backing field for an immutable dictionary, compared by its entries (looked up with the other dictionary's comparer), for the same reason as <see cref="EquatableArray{T}"/>.</summary>
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

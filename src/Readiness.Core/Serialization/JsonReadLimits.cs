namespace Readiness.Serialization;

/// <summary>Bounds on the documents <see cref="ReadinessJson"/> accepts, so an oversized or hostile file fails fast.</summary>
/// <remarks>
/// The defaults (4 MiB, depth 32) are far above any real model: the built-in framework is about 19 KB, nested 5 deep.
/// A document over a limit is refused with a <see cref="ReadinessJsonException"/> before it is deserialized.
/// </remarks>
public sealed class JsonReadLimits
{
    /// <summary>The default <see cref="MaxBytes"/>: 4 MiB.</summary>
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    /// <summary>The default <see cref="MaxDepth"/>: 32.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>The largest <see cref="MaxDepth"/> that may be configured.</summary>
    public const int MaxConfigurableDepth = 256;

    private readonly int _maxBytes = DefaultMaxBytes;
    private readonly int _maxDepth = DefaultMaxDepth;

    /// <summary>Gets the default limits.</summary>
    public static JsonReadLimits Default { get; } = new();

    /// <summary>Gets the largest document accepted, in UTF-8 bytes. The default value is 4 MiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public int MaxBytes
    {
        get => _maxBytes;
        init => _maxBytes = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxBytes), value, $"MaxBytes was {value}; it must be at least 1.");
    }

    /// <summary>
    /// Gets the deepest nesting of objects and arrays accepted: <c>{}</c> has depth 1, <c>{"a":[1]}</c> depth 2.
    /// Readiness documents need 5. The default value is 32.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is outside [1, 256].</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = value is >= 1 and <= MaxConfigurableDepth
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, $"MaxDepth was {value}; it must be in [1, {MaxConfigurableDepth}].");
    }
}

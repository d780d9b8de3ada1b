namespace Readiness.Competencies;

/// <summary>One rule broken by a model, scale or role profile under construction.</summary>
/// <remarks>
/// <see cref="Path"/> locates the offending element the way its JSON document would (<c>competencies[3].id</c>), so the
/// same error reads naturally whether the object came from a builder or from a file.
/// </remarks>
public sealed class ValidationError
{
    /// <summary>Initializes a new instance of the <see cref="ValidationError"/> class.</summary>
    /// <param name="path">Where the problem is, e.g. <c>competencies[2].anchors[0].level</c>; empty for the whole object.</param>
    /// <param name="message">The offending value and the rule it breaks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="message"/> is null.</exception>
    public ValidationError(string path, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(message);
        Path = path;
        Message = message;
    }

    /// <summary>Gets where the problem is, in JSON-path style relative to the object being validated.</summary>
    public string Path { get; }

    /// <summary>Gets the offending value and the rule it breaks.</summary>
    public string Message { get; }

    /// <summary>Returns <c>path: message</c>.</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

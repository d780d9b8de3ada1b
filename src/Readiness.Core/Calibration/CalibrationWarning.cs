using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// Something a careful reader should know about a fit: a stable <see cref="Code"/> for code to act on (the built-in ones
/// are in <see cref="CalibrationWarningCodes"/>) and a <see cref="Message"/> for people, with the numbers.
/// </summary>
public sealed record CalibrationWarning
{
    /// <summary>Creates a warning.</summary>
    /// <param name="code">A stable code, lower-case words joined by hyphens (<c>disconnected-design</c>); a calibrator of your own may use its own.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="ArgumentException">The code is not lower-case words joined by hyphens, or the message is blank.</exception>
    public CalibrationWarning(string code, string message)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length == 0 || code[0] == '-' || code[^1] == '-' || code.Contains("--", StringComparison.Ordinal) || !code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"The warning code '{code}' must be lower-case letters and digits in words joined by single hyphens.", nameof(code));
        }

        Code = code;
        Message = Guard.NotBlank(message);
    }

    /// <summary>Gets the code.</summary>
    public string Code { get; }

    /// <summary>Gets the message.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>Adds warnings by code and message, as the calibrators write them.</summary>
internal static class CalibrationWarningList
{
    public static void Add(this List<CalibrationWarning> warnings, string code, string message) => warnings.Add(new CalibrationWarning(code, message));
}

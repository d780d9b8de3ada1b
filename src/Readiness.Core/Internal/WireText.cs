using System.Text;

namespace Readiness.Internal;

/// <summary>
/// The rule that turns a member name into its wire name — words joined by hyphens, lower case (<c>DirectReport</c> is
/// <c>direct-report</c>) — for <see cref="Serialization.WireNames"/> and for messages from steps that come before it.
/// </summary>
internal static class WireText
{
    /// <summary>An enumerated value's member name, hyphenated and in lower case.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Hyphenated(value.ToString());

    /// <summary>A member name, hyphenated and in lower case.</summary>
    public static string Hyphenated(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}

namespace Readiness.Talent;

/// <summary>A person's entry on one role's succession slate.</summary>
public sealed class RoleSlateEntry
{
    /// <summary>Initializes a new instance of the <see cref="RoleSlateEntry"/> class.</summary>
    /// <param name="role">The role.</param>
    /// <param name="entry">The entry.</param>
    internal RoleSlateEntry(string role, SlateEntry entry)
    {
        Role = role;
        Entry = entry;
    }

    /// <summary>Gets the role.</summary>
    public string Role { get; }

    /// <summary>Gets the entry.</summary>
    public SlateEntry Entry { get; }
}

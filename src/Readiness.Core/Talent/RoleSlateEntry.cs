namespace Readiness.Talent;

/// <summary>A person's entry on one role's succession slate.</summary>
/// <param name="Role">The role.</param>
/// <param name="Entry">The entry.</param>
public sealed record RoleSlateEntry(string Role, SlateEntry Entry);

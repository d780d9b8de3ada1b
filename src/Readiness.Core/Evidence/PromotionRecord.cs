using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>A promotion: who was promoted, when, and into which role (a role profile's id).</summary>
public sealed class PromotionRecord
{
    /// <summary>Initializes a new instance of the <see cref="PromotionRecord"/> class.</summary>
    /// <param name="person">The person promoted.</param>
    /// <param name="date">The date of the promotion.</param>
    /// <param name="role">The id of the role profile they were promoted into.</param>
    /// <exception cref="ArgumentException"><paramref name="role"/> is blank.</exception>
    public PromotionRecord(RateeId person, DateOnly date, string role)
    {
        Person = person;
        Date = date;
        Role = Guard.NotBlank(role);
    }

    /// <summary>Gets the person promoted.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the date of the promotion.</summary>
    public DateOnly Date { get; }

    /// <summary>Gets the id of the role profile they were promoted into.</summary>
    public string Role { get; }
}

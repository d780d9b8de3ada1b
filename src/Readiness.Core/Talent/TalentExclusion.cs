using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>A person left out of a 9-box or a slate, and why: nobody is dropped silently.</summary>
public sealed class TalentExclusion
{
    /// <summary>Initializes a new instance of the <see cref="TalentExclusion"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="reason">Why.</param>
    /// <param name="detail">The specifics, in words.</param>
    internal TalentExclusion(RateeId person, ExclusionReason reason, string detail)
    {
        Person = person;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets why the person was left out.</summary>
    public ExclusionReason Reason { get; }

    /// <summary>Gets the specifics, in words.</summary>
    public string Detail { get; }
}

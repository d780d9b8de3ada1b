using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>
/// Caller-supplied demographic attributes, kept apart from everything that scores people: the library reads them only to
/// audit outcomes, never as a scoring input.
/// </summary>
/// <remarks>Attributes and categories are compared ignoring case and surrounding spaces; a person may lack an attribute.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class Demographics
{
    private readonly ImmutableDictionary<RateeId, ImmutableDictionary<string, string>> _people;

    private Demographics(ImmutableDictionary<RateeId, ImmutableDictionary<string, string>> people) => _people = people;

    /// <summary>Gets the attributes present, in order.</summary>
    public ImmutableArray<string> Attributes => [.. _people.Values.SelectMany(p => p.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Creates the demographic data.</summary>
    /// <param name="records">One record per person and attribute.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentException">An attribute or category is blank or holds a control or invisible formatting character (zero-width, bidirectional controls), or a person has two categories on one attribute (named).</exception>
    public static Demographics Create(IEnumerable<DemographicRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var people = new Dictionary<RateeId, Dictionary<string, string>>();
        var index = 0;
        foreach (var r in records)
        {
            if (r.Person.IsEmpty || string.IsNullOrWhiteSpace(r.Attribute) || string.IsNullOrWhiteSpace(r.Category))
            {
                throw new ArgumentException($"Demographic record {index} has no person, attribute or category; each needs all three.", nameof(records));
            }

            if (PersonIdRules.HasInvisible(r.Attribute) || PersonIdRules.HasInvisible(r.Category))
            {
                throw new ArgumentException($"Demographic record {index} ({r.Person}) has a control or invisible formatting character in its attribute or category; two groups that look alike would be audited apart.", nameof(records));
            }

            var attributes = people.TryGetValue(r.Person, out var found) ? found : people[r.Person] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var (attribute, category) = (r.Attribute.Trim(), r.Category.Trim());
            if (attributes.TryGetValue(attribute, out var existing) && !string.Equals(existing, category, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{r.Person}' has two categories on '{attribute}': '{existing}' and '{category}'.", nameof(records));
            }

            attributes[attribute] = category;
            index++;
        }

        return new Demographics(people.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>Gets a person's category on an attribute.</summary>
    /// <param name="person">The person.</param>
    /// <param name="attribute">The attribute.</param>
    /// <returns>The category, or null when the person's is not known.</returns>
    public string? CategoryOf(RateeId person, string attribute) =>
        _people.TryGetValue(person, out var attributes) && attributes.TryGetValue(attribute.Trim(), out var category) ? category : null;
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Evidence;
using Readiness.Fairness;

namespace Readiness.Core.Tests.Fairness;

/// <summary>Suppression that holds across every table written together, played against <see cref="SubtractionAttack"/>.</summary>
public sealed class AuditDisclosureTests
{
    /// <summary>One person: a category (or none) on each of two attributes and a selection under each of two outcomes.</summary>
    internal sealed record Person(string? Sex, string? Region, bool First, bool Second);

    private static readonly string[][] Groupings = [["sex"], ["region"], ["sex", "region"]];

    private static (AuditOutcome[] Outcomes, Demographics Demographics) Build(List<Person> people)
    {
        var records = new List<DemographicRecord>();
        for (var i = 0; i < people.Count; i++)
        {
            var id = new RateeId($"p{i:0000}");
            if (people[i].Sex is { } sex)
            {
                records.Add(new DemographicRecord(id, "sex", sex));
            }

            if (people[i].Region is { } region)
            {
                records.Add(new DemographicRecord(id, "region", region));
            }
        }

        AuditOutcome Outcome(string name, Func<Person, bool> selected) =>
            AuditOutcome.Create(name, people.Select((p, i) => new AuditDecision(new RateeId($"p{i:0000}"), selected(p))));
        return ([Outcome("first", p => p.First), Outcome("second", p => p.Second)], Demographics.Create(records));
    }

    /// <summary>What the attacker recovers from each outcome's tables, given the selections among the unknown and in all.</summary>
    private static List<string> Attack(List<Person> people, IReadOnlyList<AdverseImpactAudit> audits, int outcome)
    {
        bool Selected(Person p) => outcome == 0 ? p.First : p.Second;
        int[] unknown =
        [
            people.Count(p => p.Sex is null && Selected(p)),
            people.Count(p => p.Region is null && Selected(p)),
            people.Count(p => (p.Sex is null || p.Region is null) && Selected(p)),
        ];
        return SubtractionAttack.Recovered([.. audits.Skip(outcome * 3).Take(3)], unknown, people.Count(Selected));
    }

    private static List<Person> Table(params (string Sex, string Region, int People, int Selected)[] cells) =>
        [.. cells.SelectMany(c => Enumerable.Range(0, c.People).Select(i => new Person(c.Sex, c.Region, i < c.Selected, i < c.Selected)))];

    [Fact]
    public void Tables_suppressed_one_by_one_give_a_small_group_away_and_tables_suppressed_together_do_not()
    {
        // The issue's case: female × C is under the minimum; on its own the intersection table hides it with the smallest
        // other group, but the sex table's female row minus the shown female × A and female × B gives it back.
        var people = Table(("female", "A", 349, 180), ("female", "B", 145, 76), ("female", "C", 8, 3), ("male", "A", 301, 160), ("male", "B", 222, 98), ("male", "C", 100, 52));
        var (outcomes, demographics) = Build(people);
        var options = new AuditOptions { MinimumCellSize = 10, Permutations = 100 };

        var separately = outcomes.SelectMany(o => Groupings.Select(by => AdverseImpactAudit.Run(o, demographics, by, options))).ToArray();
        var leaked = Attack(people, separately, 0);
        Assert.True(leaked.Contains("sex × region: female × C has 8 people") && leaked.Contains("sex × region: female × C has 3 selected"), string.Join("; ", leaked) + " | " + string.Join("; ", separately.Take(3).SelectMany(a => a.Groups).Select(g => $"{g.Group} {g.Count}/{g.Selected}")));

        var together = AdverseImpactAudit.RunTogether(outcomes, demographics, Groupings, options);
        Assert.Empty(Attack(people, together, 0));
        Assert.Empty(Attack(people, together, 1));

        // The cheapest cover is a rectangle of the intersection table (female × C, female × B, male × C, male × B); the
        // attribute tables stay whole.
        Assert.Equal(["female × B", "female × C", "male × B", "male × C"], together[2].Groups.Where(g => g.Status == GroupStatus.Suppressed).Select(g => g.Group));
        Assert.All(together.Take(2), a => Assert.DoesNotContain(a.Groups, g => g.Status == GroupStatus.Suppressed));
    }

    [Fact]
    public void A_margin_hidden_whole_is_not_given_away_by_the_one_cell_its_complement_lives_in()
    {
        // Found by the property below: the sex table is hidden whole (s1 has one person selected), but everyone in s0 is in
        // r2, so the shown s0 × r2 was s0 and the total minus it gave s1 back.
        var people = Table(("s0", "r2", 7, 0), ("s1", "r0", 1, 0), ("s1", "r1", 3, 1), ("s1", "r2", 2, 0));
        var (outcomes, demographics) = Build(people);

        var audits = AdverseImpactAudit.RunTogether(outcomes, demographics, Groupings, new AuditOptions { MinimumCellSize = 2, Permutations = 100 });

        Assert.Empty(Attack(people, audits, 0));
        Assert.Empty(Attack(people, audits, 1));
        Assert.All(audits[0].Groups, g => Assert.Equal(GroupStatus.Suppressed, g.Status));
    }

    private static Gen<List<Person>> Designs =>
        from sexes in Gen.Choose(2, 3)
        from regions in Gen.Choose(2, 5)
        from count in Gen.Choose(10, 160)
        from missing in Gen.Elements(0, 0, 5, 15)
        from firstRate in Gen.Choose(5, 60)
        from secondRate in Gen.Choose(5, 60)
        from draws in Gen.ArrayOf(Gen.Choose(0, 9999), count * 6)
        select Enumerable.Range(0, count).Select(i => new Person(
            draws[6 * i] % 100 < missing ? null : $"s{draws[(6 * i) + 1] % sexes}",
            draws[(6 * i) + 2] % 100 < missing ? null : $"r{(int)Math.Sqrt(draws[(6 * i) + 3] % (regions * regions))}",
            draws[(6 * i) + 4] % 100 < firstRate,
            draws[(6 * i) + 5] % 100 < secondRate)).ToList();

    /// <summary>"attributes: group" for every group under the minimum in people, selected or not selected, in either outcome, in a table of two or more groups.</summary>
    private static HashSet<string> Sensitive(List<Person> people, int minimum)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (table, key) in new (string, Func<Person, string?>)[]
        {
            ("sex", p => p.Sex),
            ("region", p => p.Region),
            ("sex × region", p => p.Sex is null || p.Region is null ? null : $"{p.Sex} × {p.Region}"),
        })
        {
            // A table of one group shows nothing the totals do not: its numbers are the totals.
            var groups = people.Where(p => key(p) is not null).GroupBy(key).ToArray();
            foreach (var group in groups.Length == 1 ? [] : groups)
            {
                bool Small(int n) => n > 0 && n < minimum;
                var (count, first, second) = (group.Count(), group.Count(p => p.First), group.Count(p => p.Second));
                if (count < minimum || Small(first) || Small(count - first) || Small(second) || Small(count - second))
                {
                    names.Add($"{table}: {group.Key}");
                }
            }
        }

        return names;
    }

    [Property(MaxTest = 300)]
    public Property No_suppressed_count_can_be_recovered_from_every_table_written_together() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(1, 15).ToArbitrary(), (people, minimum) =>
        {
            var (outcomes, demographics) = Build(people);

            var audits = AdverseImpactAudit.RunTogether(outcomes, demographics, Groupings, new AuditOptions { MinimumCellSize = minimum, Permutations = 100 });

            // A leak is a group under the minimum recovered (or a table's every suppressed group read as unselected while
            // one is under it); a group suppressed only to hide another may be derivable without harm.
            var sensitive = Sensitive(people, minimum);
            var leaked = Attack(people, audits, 0).Concat(Attack(people, audits, 1))
                .Where(leak => sensitive.Any(name => leak.StartsWith(name + " has", StringComparison.Ordinal) || (leak.Contains("every suppressed", StringComparison.Ordinal) && name.StartsWith(leak[..leak.IndexOf(':', StringComparison.Ordinal)] + ":", StringComparison.Ordinal))))
                .ToArray();
            Assert.True(leaked.Length == 0, $"minimum {minimum}: {string.Join("; ", leaked)}; shown: {string.Join("; ", audits.Take(3).SelectMany(a => a.Groups).Select(g => $"{g.Group} {g.Count}/{g.Selected}"))}");

            // Nothing under the minimum is shown, in any table.
            Assert.All(audits.SelectMany(a => a.Groups).Where(g => g.Status != GroupStatus.Suppressed), g =>
            {
                Assert.True(g.Count >= minimum, $"{g.Group}: {g.Count} people");
                Assert.True(g.Selected is 0 || g.Selected >= minimum, $"{g.Group}: {g.Selected} selected");
                Assert.True(g.Count - g.Selected is 0 || g.Count - g.Selected >= minimum, $"{g.Group}: {g.Count - g.Selected} not selected");
            });
        });
}

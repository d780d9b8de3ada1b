using Readiness.Competencies;

namespace Readiness.Core.Tests.Competencies;

public sealed class LeadershipFrameworkTests
{
    private static readonly CompetencyModel Model = LeadershipFramework.Model;

    [Fact]
    public void Has_the_ten_leadership_and_four_individual_performance_competencies()
    {
        Assert.Equal(
            [
                LeadershipFramework.SetsClearExpectations, LeadershipFramework.HoldsAccountable, LeadershipFramework.DevelopsOthers,
                LeadershipFramework.Delegates, LeadershipFramework.ManagesConflict, LeadershipFramework.BuildsTrust,
                LeadershipFramework.Influences, LeadershipFramework.NavigatesComplexity, LeadershipFramework.SeeksFeedback,
                LeadershipFramework.DevelopsPeers,
            ],
            Model.InDomain(CompetencyDomain.Leadership).Select(c => c.Id));
        Assert.Equal(
            [LeadershipFramework.DeliversResults, LeadershipFramework.QualityOfWork, LeadershipFramework.TechnicalExpertise, LeadershipFramework.Productivity],
            Model.InDomain(CompetencyDomain.IndividualPerformance).Select(c => c.Id));
    }

    [Fact]
    public void Every_level_of_every_competency_has_its_own_behavioural_anchor()
    {
        Assert.All(Model.Competencies, c =>
        {
            Assert.Equal([1, 2, 3, 4, 5], c.Anchors.Select(a => a.Level));
            Assert.Equal(5, c.Anchors.Select(a => a.Behaviour).Distinct().Count());
            Assert.True(c.Indicators.Length >= 3, $"{c.Id} has {c.Indicators.Length} indicators");
        });
        var allAnchors = Model.Competencies.SelectMany(c => c.Anchors).Select(a => a.Behaviour).ToList();
        Assert.Equal(allAnchors.Count, allAnchors.Distinct().Count());
    }

    [Fact]
    public void First_line_manager_weights_leadership_far_above_individual_performance()
    {
        var role = LeadershipFramework.FirstLineManager;

        Assert.Same(Model, role.Model);
        Assert.Equal(Model.Competencies.Length, role.Requirements.Length);
        Assert.Equal(0.85, role.DomainWeight(CompetencyDomain.Leadership), 12);
        Assert.Equal(0.15, role.DomainWeight(CompetencyDomain.IndividualPerformance), 12);
        Assert.Equal(1.0, role.Requirements.Sum(r => r.Weight.Fraction), 12);
        Assert.All(role.Requirements.Where(r => r.CriticalMinimum is not null), r => Assert.Equal(CompetencyDomain.Leadership, r.Competency.Domain));
        Assert.Equal(3, role.FindRequirement(LeadershipFramework.Delegates)!.CriticalMinimum);
    }

    [Fact]
    public void Lookups_ignore_case_and_report_unknown_ids()
    {
        Assert.Equal(LeadershipFramework.Delegates, Model.GetCompetency("DELEGATES").Id);
        Assert.False(Model.TryGetCompetency("no-such", out _));
        var e = Assert.Throws<KeyNotFoundException>(() => Model.GetCompetency("no-such"));
        Assert.Contains("no-such", e.Message, StringComparison.Ordinal);
    }
}

using Readiness.Competencies;
using Readiness.Weighting;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Weighting;

public sealed class RoleWeightingTests
{
    [Fact]
    public void The_first_line_manager_weights_come_from_85_15_domain_shares_times_points_within_each_domain()
    {
        var points = new DirectPointsWeighting();
        var leadership = points.Weigh([new(SetsClearExpectations, 12), new(HoldsAccountable, 12), new(DevelopsOthers, 11), new(Delegates, 10), new(ManagesConflict, 9), new(BuildsTrust, 9), new(Influences, 6), new(NavigatesComplexity, 6), new(SeeksFeedback, 6), new(DevelopsPeers, 4)]);
        var individual = points.Weigh([new(DeliversResults, 5), new(QualityOfWork, 4), new(TechnicalExpertise, 4), new(Productivity, 2)]);

        var combined = DomainWeighting.Combine(Model, 0.85, leadership, individual);
        var profile = FirstLineManager.WithWeights(combined);

        Assert.Equal(Model.Competencies.Select(c => c.Id.Value), combined.CompetencyIds);
        Assert.All(FirstLineManager.Requirements, r => Assert.Equal(r.Weight.Fraction, profile.FindRequirement(r.Competency.Id)!.Weight.Fraction, 12));
        Assert.Equal(0.85, profile.DomainWeight(CompetencyDomain.Leadership), 12);
        Assert.Equal(FirstLineManager.Requirements.Select(r => r.Target), profile.Requirements.Select(r => r.Target));
    }

    [Fact]
    public void Weights_must_cover_exactly_the_requirements()
    {
        var profile = new RoleProfileBuilder("p", "P").Require(Delegates, 4, 1).Require(Influences, 3, 1).Build(Model);

        var e = Assert.Throws<ReadinessValidationException>(() => profile.WithWeights(new EqualWeighting().Weigh([Delegates, Productivity, "nope"])));

        Assert.Equal(["weights[productivity]", "weights[nope]", "weights[influences]"], e.Errors.Select(x => x.Path));
        Assert.Contains("'productivity' is not a requirement of role profile 'p'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'nope' is not a competency of model", e.Message, StringComparison.Ordinal);
        Assert.Contains("requirement 'influences' has no weight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_weighting_checks_domains_and_the_share()
    {
        var equal = new EqualWeighting();

        var e = Assert.Throws<ReadinessValidationException>(() => DomainWeighting.Combine(Model, 0.8, equal.Weigh([Delegates, Productivity]), equal.Weigh([DeliversResults])));
        Assert.Contains("leadership[productivity]: 'productivity' is a IndividualPerformance competency", e.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => DomainWeighting.Combine(Model, double.NaN, equal.Weigh([Delegates]), equal.Weigh([DeliversResults])));
        Assert.Throws<ArgumentOutOfRangeException>(() => DomainWeighting.Combine(Model, 1.5, equal.Weigh([Delegates]), equal.Weigh([DeliversResults])));
    }
}

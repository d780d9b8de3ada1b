using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Core.Tests;

/// <summary>The README's quick start, kept compiling and true.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Quick_start_works_as_written()
    {
        var model = LeadershipFramework.Model;
        var teamLead = new RoleProfileBuilder("team-lead", "Team lead")
            .Require(LeadershipFramework.Delegates, target: 4, importance: 3, criticalMinimum: 3)
            .Require(LeadershipFramework.ManagesConflict, target: 4, importance: 2)
            .Require(LeadershipFramework.DeliversResults, target: 3, importance: 1)
            .Build(model);

        var again = ReadinessJson.ReadRoleProfile(ReadinessJson.Write(teamLead), model);

        Assert.Equal("50.0%", again.FindRequirement("delegates")!.Weight.ToString());
    }
}

using Readiness.Simulation;

namespace Readiness.Core.Tests.Simulation;

/// <summary>Each simulation setting at the edges of its rule: the last value accepted and the first refused, with the full message.</summary>
public sealed class SimulationSettingsTests
{
    private static readonly SimulationOptions Defaults = new();

    private static readonly Dictionary<string, (SimulationOptions Settings, string? Problem)> Edges = new()
    {
        ["no model"] = (Defaults with { Model = null! }, "Model must not be null."),
        ["2 people"] = (Defaults with { People = 2 }, null),
        ["1 person"] = (Defaults with { People = 1 }, "People was 1; it must be in [2, 2000000]."),
        ["2,000,000 people"] = (Defaults with { People = 2_000_000 }, null),
        ["2,000,001 people"] = (Defaults with { People = 2_000_001 }, "People was 2000001; it must be in [2, 2000000]."),
        ["teams of 1"] = (Defaults with { TeamSize = 1 }, null),
        ["teams of 0"] = (Defaults with { TeamSize = 0 }, "TeamSize was 0; it must be in [1, 1000]."),
        ["teams of 1000"] = (Defaults with { TeamSize = 1000 }, null),
        ["teams of 1001"] = (Defaults with { TeamSize = 1001 }, "TeamSize was 1001; it must be in [1, 1000]."),
        ["no peers or reports"] = (Defaults with { PeersPerPerson = 0, DirectReportRaters = 0 }, null),
        ["negative peers"] = (Defaults with { PeersPerPerson = -1 }, "PeersPerPerson was -1; it must be at least 0."),
        ["negative reports"] = (Defaults with { DirectReportRaters = -1 }, "DirectReportRaters was -1; it must be at least 0."),
        ["favouring women"] = (Defaults with { FavouredGroup = "female" }, null),
        ["favouring an unknown group"] = (Defaults with { FavouredGroup = "Male" }, "FavouredGroup was 'Male'; it must be \"male\" or \"female\" (the simulated sex attribute)."),
        ["habits adding up to 1"] = (Defaults with { BiasedRaterShare = 0.5, CentralTendencyShare = 0.25, HaloShare = 0.25 }, null),
        ["habits adding up to more than 1"] = (Defaults with { BiasedRaterShare = 0.5, CentralTendencyShare = 0.25, HaloShare = 0.26 },
            "BiasedRaterShare + CentralTendencyShare + HaloShare + ErraticShare was 1.01; the shares must not add up to more than 1."),
        ["a cycle"] = (Defaults with { Cycle = "2026 H2" }, null),
        ["a bad cycle"] = (Defaults with { Cycle = " 2026" }, "Cycle ' 2026' is not a valid cycle label."),
    };

    /// <summary>The [min, max] range of every numeric setting checked by range.</summary>
    private static readonly Dictionary<string, (double Min, double Max, Func<double, SimulationOptions> With)> Ranges = new()
    {
        ["SkipLevelShare"] = (0, 1, v => Defaults with { SkipLevelShare = v }),
        ["MissingShare"] = (0, 0.95, v => Defaults with { MissingShare = v }),
        ["LeadershipPerformanceCorrelation"] = (-1, 1, v => Defaults with { LeadershipPerformanceCorrelation = v }),
        ["TrueLevelSd"] = (0, 10, v => Defaults with { TrueLevelSd = v }),
        ["RaterLeniencySd"] = (0, 10, v => Defaults with { RaterLeniencySd = v }),
        ["BiasedRaterShare"] = (0, 1, v => Defaults with { BiasedRaterShare = v, CentralTendencyShare = 0, HaloShare = 0 }),
        ["BiasedRaterEffect"] = (0, 10, v => Defaults with { BiasedRaterEffect = v }),
        ["CentralTendencyShare"] = (0, 1, v => Defaults with { CentralTendencyShare = v, BiasedRaterShare = 0, HaloShare = 0 }),
        ["HaloShare"] = (0, 1, v => Defaults with { HaloShare = v, BiasedRaterShare = 0, CentralTendencyShare = 0 }),
        ["SelfInflation"] = (-10, 10, v => Defaults with { SelfInflation = v }),
        ["NoiseSd"] = (0, 10, v => Defaults with { NoiseSd = v }),
        ["GroupBiasedRaterShare"] = (0, 1, v => Defaults with { GroupBiasedRaterShare = v }),
        ["FavouredGroupBias"] = (-10, 10, v => Defaults with { FavouredGroupBias = v }),
    };

    public static TheoryData<string> EdgeNames => [.. Edges.Keys];

    public static TheoryData<string> RangeNames => [.. Ranges.Keys];

    [Theory]
    [MemberData(nameof(EdgeNames))]
    public void Settings_at_the_edge_of_a_rule(string name)
    {
        var (settings, problem) = Edges[name];

        if (problem is null)
        {
            Assert.Empty(settings.Validate());
            return;
        }

        Assert.Equal([problem], settings.Validate().ToArray());
        var e = Assert.Throws<ArgumentException>(() => OrganisationSimulator.Generate(settings));
        Assert.Equal($"{problem} (Parameter 'options')", e.Message);
    }

    [Theory]
    [MemberData(nameof(RangeNames))]
    public void A_range_setting_takes_both_limits_and_refuses_just_beyond_them(string name)
    {
        var (min, max, with) = Ranges[name];

        Assert.Empty(with(min).Validate());
        Assert.Empty(with(max).Validate());
        foreach (var bad in new[] { min - 0.01, max + 0.01, double.NaN })
        {
            var e = Assert.Throws<ArgumentException>(() => OrganisationSimulator.Generate(with(bad)));
            Assert.Equal("options", e.ParamName);
            Assert.StartsWith(
                $"{name} was {Readiness.Internal.Guard.Format(bad)}; it must be in [{Readiness.Internal.Guard.Format(min)}, {Readiness.Internal.Guard.Format(max)}].",
                e.Message,
                StringComparison.Ordinal);
        }
    }
}

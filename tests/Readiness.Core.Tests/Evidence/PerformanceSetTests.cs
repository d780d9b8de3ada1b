using Readiness.Evidence;

namespace Readiness.Core.Tests.Evidence;

public sealed class PerformanceSetTests
{
    [Fact]
    public void Create_accepts_finite_records_and_reports_every_refused_one()
    {
        var a = new RateeId("a");
        var b = new RateeId("b");
        var intake = PerformanceSet.Create(
        [
            new PerformanceRecord(b, 3.5, "2025"),
            new PerformanceRecord(b, 4.5, "2026"),
            new PerformanceRecord(a, double.NaN),
            new PerformanceRecord(default, 1),
            new PerformanceRecord(a, 2),
            new PerformanceRecord(a, 2),
            new PerformanceRecord(new RateeId("c"), 1, "x"),
            new PerformanceRecord(new RateeId("c"), 2, "x"),
        ]);

        Assert.Equal(8, intake.Report.Submitted);
        Assert.Equal([2, 3, 5, 6, 7], intake.Report.Rejected.Select(r => r.Row));
        Assert.Contains("was NaN", intake.Report.Rejected[0].Message, StringComparison.Ordinal);
        Assert.Equal(RejectReason.DuplicateRating, intake.Report.Rejected[2].Reason);
        Assert.Contains("conflicting records are all refused", intake.Report.Rejected[3].Message, StringComparison.Ordinal);
        Assert.True(intake.Performance.TryGetValue(b, out var mean));
        Assert.Equal(4.0, mean);
        Assert.False(intake.Performance.TryGetValue(new RateeId("c"), out var missing));
        Assert.True(double.IsNaN(missing));
        Assert.Equal(["a", "b"], intake.Performance.Ratees.Select(r => r.Value));
        Assert.Equal(3, intake.Performance.Records.Length);
    }
}

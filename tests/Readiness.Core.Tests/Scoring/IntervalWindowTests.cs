using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Scoring.Internal;

namespace Readiness.Core.Tests.Scoring;

/// <summary>
/// The index interval from the joint draws must hold the index the assessment shows. Where the equal-tailed interval does
/// not, the window of the same share of the draws slides to it; stretching one end would add coverage the level does not state.
/// </summary>
public sealed class IntervalWindowTests
{
    private static readonly double[] Hundred = [.. Enumerable.Range(1, 101).Select(i => (double)i)];

    [Fact]
    public void A_value_inside_the_equal_tailed_interval_leaves_it_as_it_is()
    {
        // 1 − 0.9 is a shade under 0.1 in binary: the equal tails leave out the 4 lowest and the 5 highest of 101 draws.
        Assert.Equal((5.0, 96.0), JointDraws.Window(Hundred, 0.9, 50));
        Assert.Equal((5.0, 96.0), JointDraws.Window(Hundred, 0.9, 5));
    }

    [Fact]
    public void A_value_below_slides_the_window_down_to_it_and_one_above_slides_it_up()
    {
        // Three draws below the value where the lower tail leaves out four: the upper end comes down one draw.
        Assert.Equal((3.5, 95.0), JointDraws.Window(Hundred, 0.9, 3.5));
        Assert.Equal((7.0, 98.5), JointDraws.Window(Hundred, 0.9, 98.5));
    }

    [Fact]
    public void A_value_beyond_every_draw_stretches_the_end_only_as_far_as_it()
    {
        Assert.Equal((-2.0, 92.0), JointDraws.Window(Hundred, 0.9, -2));
        Assert.Equal((10.0, 120.0), JointDraws.Window(Hundred, 0.9, 120));
    }

    [Fact]
    public void An_index_at_its_clamp_in_more_draws_than_a_tail_leaves_out_ends_the_window_there_with_the_levels_share()
    {
        // 41 of 101 draws at the ceiling: the window is the top 92 draws, not the 97 from the equal-tailed lower end up.
        double[] capped = [.. Enumerable.Range(1, 60).Select(i => (double)i), .. Enumerable.Repeat(110.0, 41)];
        double[] floored = [.. Enumerable.Repeat(0.0, 41), .. Enumerable.Range(1, 60).Select(i => (double)i)];

        Assert.Equal((10.0, 110.0), JointDraws.Window(capped, 0.9, 110));
        Assert.Equal((0.5, 110.0), JointDraws.Window(capped, 0.9, 0.5));
        Assert.Equal((0.0, 51.0), JointDraws.Window(floored, 0.9, 0));
        Assert.Equal((7.0, 7.0), JointDraws.Window([.. Enumerable.Repeat(7.0, 50)], 0.9, 7));
    }

    [Property(MaxTest = 300)]
    public Property The_window_holds_the_value_and_at_least_the_level_of_the_draws_between_its_ends() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(50, 99).ToArbitrary(), (seed, percent) =>
        {
            var random = new Random(seed);
            var draws = Enumerable.Range(0, 1 + random.Next(300)).Select(_ => Math.Round(random.NextDouble() * 20, random.Next(3))).Order().ToArray();
            var hold = (random.NextDouble() * 26) - 3;
            var level = percent / 100.0;

            var (lower, upper) = JointDraws.Window(draws, level, hold);

            Assert.InRange(hold, lower, upper);
            var (n, tail) = (draws.Length - 1, (1 - level) / 2);
            var share = (int)Math.Ceiling((1 - tail) * n) - (int)Math.Floor(tail * n) + 1;
            Assert.True(draws.Count(d => d >= lower && d <= upper) >= share, $"fewer than {share} draws in [{lower}, {upper}] for {hold}");
        });
}

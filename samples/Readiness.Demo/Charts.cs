using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Readiness.Calibration;
using Readiness.Fairness;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Demo;

/// <summary>The report's charts as OxyPlot models (rendered to SVG by <see cref="Story.Chart"/>).</summary>
internal static class Charts
{
    private static readonly OxyColor Neutral = OxyColor.FromAColor(150, OxyColors.SlateGray);
    private static readonly OxyColor Warning = OxyColors.Firebrick;
    private static readonly OxyColor Good = OxyColors.SeaGreen;

    /// <summary>Performance × readiness with the box grid; box 3 (high performance, low readiness) and box 7 stand out.</summary>
    public static PlotModel NineBox(NineBox box, string performanceTitle)
    {
        var model = Model("9-box: individual performance × leadership readiness", performanceTitle, "Readiness index (100 = targets met)");
        var trap = new NineBoxCell(TalentLevel.High, TalentLevel.Low);
        var overlooked = new NineBoxCell(TalentLevel.Low, TalentLevel.High);
        model.Series.Add(Scatter($"Box 3: {trap.DefaultLabel}", Warning, box.Placements.Where(p => p.Cell == trap).Select(p => (p.Performance, p.Readiness))));
        model.Series.Add(Scatter($"Box 7: {overlooked.DefaultLabel}", Good, box.Placements.Where(p => p.Cell == overlooked).Select(p => (p.Performance, p.Readiness))));
        model.Series.Add(Scatter("Everyone else", Neutral, box.Placements.Where(p => p.Cell != trap && p.Cell != overlooked).Select(p => (p.Performance, p.Readiness))));
        foreach (var cut in new[] { box.PerformanceCuts.Lower, box.PerformanceCuts.Upper })
        {
            model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = cut, Color = OxyColors.Black, LineStyle = LineStyle.Dash });
        }

        foreach (var cut in new[] { box.ReadinessCuts.Lower, box.ReadinessCuts.Upper })
        {
            model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Horizontal, Y = cut, Color = OxyColors.Black, LineStyle = LineStyle.Dash });
        }

        return model;
    }

    /// <summary>Every rater's leniency with its 95% interval, sorted: the caterpillar plot.</summary>
    public static PlotModel RaterCaterpillar(IReadOnlyList<RaterEffect> raters, ISet<string> plantedLenient, ISet<string> plantedSevere)
    {
        var model = Model("Rater leniency (calibrated effect ± 95% interval), sorted", "Raters, most severe to most lenient", "Effect on ratings (scale points)");
        var sorted = raters.OrderBy(r => r.Effect).ThenBy(r => r.Rater.Value, StringComparer.Ordinal).ToArray();
        ScatterErrorSeries Series(string title, OxyColor colour) => new()
        {
            Title = title, MarkerType = MarkerType.Circle, MarkerSize = 1.6, MarkerFill = colour, ErrorBarColor = OxyColor.FromAColor(90, colour),
            ErrorBarStopWidth = 0, ErrorBarStrokeThickness = 0.8,
        };
        var lenient = Series("Planted lenient", Warning);
        var severe = Series("Planted severe", OxyColors.SteelBlue);
        var others = Series(plantedLenient.Count + plantedSevere.Count == 0 ? "Rater" : "Other raters", Neutral);
        var step = CaterpillarStep(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            var r = sorted[i];
            var planted = plantedLenient.Contains(r.Rater.Value) || plantedSevere.Contains(r.Rater.Value);
            if (!planted && i >= CaterpillarEnds && i < sorted.Length - CaterpillarEnds && i % step != 0)
            {
                continue;
            }

            var series = plantedLenient.Contains(r.Rater.Value) ? lenient : plantedSevere.Contains(r.Rater.Value) ? severe : others;
            series.Points.Add(new ScatterErrorPoint(i + 1, r.Effect, 0, 1.96 * r.StandardError));
        }

        model.Series.Add(others);
        if (lenient.Points.Count + severe.Points.Count > 0)
        {
            model.Series.Add(lenient);
            model.Series.Add(severe);
        }

        model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Horizontal, Y = 0, Color = OxyColors.Black });
        return model;
    }

    /// <summary>The raters at each end of the caterpillar drawn whatever their number.</summary>
    public const int CaterpillarEnds = 25;

    /// <summary>
    /// Between the ends, every how-many-th rater the caterpillar draws: about 200 there, besides the ends and every planted
    /// rater, each at its true rank, so the shape stays and the chart stays light (2,475 raters drawn one by one took 860 KB
    /// of a 1.8 MB report).
    /// </summary>
    public static int CaterpillarStep(int raters) => Math.Max(1, (int)Math.Ceiling(raters / 200.0));

    /// <summary>Each person's readiness on raw means against calibrated; a changed band is coloured.</summary>
    public static PlotModel RawVersusCalibrated(IReadOnlyList<(double Raw, double Calibrated, bool BandChanged)> people)
    {
        var model = Model("Readiness index: raw rating means vs calibrated", "Raw means (no calibration)", "Calibrated (rater effects removed)");
        model.Series.Add(Scatter("Band unchanged", Neutral, people.Where(p => !p.BandChanged).Select(p => (p.Raw, p.Calibrated))));
        model.Series.Add(Scatter("Band changed by calibration", Warning, people.Where(p => p.BandChanged).Select(p => (p.Raw, p.Calibrated))));
        model.Annotations.Add(new FunctionAnnotation { Equation = x => x, Color = OxyColors.Black, LineStyle = LineStyle.Dash, Text = "no change" });
        return model;
    }

    /// <summary>The distribution of the readiness index, stacked by band.</summary>
    public static PlotModel Bands(IReadOnlyList<ReadinessAssessment> scored, Func<ReadinessBand, string> bandName)
    {
        const double BinWidth = 2.5;
        var model = Model("Readiness index by band", "Readiness index (100 = targets met)", "People");
        var bins = (int)Math.Ceiling(100 / BinWidth);
        var below = new double[bins];
        var colours = new Dictionary<ReadinessBand, OxyColor>
        {
            [ReadinessBand.ReadyNow] = Good,
            [ReadinessBand.ReadyIn1To2Years] = OxyColors.SteelBlue,
            [ReadinessBand.ReadyIn3PlusYears] = OxyColors.Goldenrod,
            [ReadinessBand.NotOnLeadershipTrack] = Warning,
        };
        foreach (var band in colours.Keys)
        {
            var counts = new double[bins];
            foreach (var a in scored.Where(a => a.Band == band))
            {
                counts[Math.Min(bins - 1, (int)(a.Index!.Value / BinWidth))]++;
            }

            var series = new RectangleBarSeries { Title = bandName(band), FillColor = colours[band], StrokeThickness = 0 };
            for (var b = 0; b < bins; b++)
            {
                if (counts[b] > 0)
                {
                    series.Items.Add(new RectangleBarItem(b * BinWidth, below[b], (b + 1) * BinWidth, below[b] + counts[b]));
                    below[b] += counts[b];
                }
            }

            model.Series.Add(series);
        }

        return model;
    }

    /// <summary>Readiness and performance as predictors of team outcomes: correlations with 95% intervals.</summary>
    public static PlotModel Validity(PredictiveValidityStudy study)
    {
        var model = Model($"Predicting team performance a year on (n = {study.Sample})", "Correlation with the team outcome (95% interval)", string.Empty);

        // OxyPlot sizes the margin from the numeric labels at the axis ends, not from the formatter's names.
        model.PlotMargins = new OxyThickness(170, double.NaN, double.NaN, double.NaN);
        model.Axes[1] = new LinearAxis
        {
            Position = AxisPosition.Left, Minimum = -0.5, Maximum = 1.5, MajorStep = 1, MinorStep = 1, IsZoomEnabled = false,
            LabelFormatter = y => y switch { 0 => "Individual performance", 1 => "Leadership readiness", _ => string.Empty },
        };
        foreach (var (y, c, colour) in new[] { (1.0, study.Readiness, Good), (0.0, study.Performance, Neutral) })
        {
            model.Series.Add(new LineSeries { Color = colour, StrokeThickness = 3, Points = { new DataPoint(c.Lower, y), new DataPoint(c.Upper, y) } });
            model.Series.Add(new ScatterSeries { MarkerType = MarkerType.Diamond, MarkerSize = 7, MarkerFill = colour, Points = { new ScatterPoint(c.R, y) } });
        }

        model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = 0, Color = OxyColors.Black });
        return model;
    }

    private static PlotModel Model(string title, string xTitle, string yTitle)
    {
        var model = new PlotModel { Title = title, TitleFontSize = 15, DefaultFont = "Helvetica", PlotAreaBorderColor = OxyColors.LightGray };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopLeft, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, AxisTitleDistance = 6, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColors.LightGray });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = yTitle, AxisTitleDistance = 6, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColors.LightGray });
        return model;
    }

    private static ScatterSeries Scatter(string title, OxyColor colour, IEnumerable<(double X, double Y)> points)
    {
        var series = new ScatterSeries { Title = title, MarkerType = MarkerType.Circle, MarkerSize = 2.2, MarkerFill = colour, MarkerStrokeThickness = 0 };
        series.Points.AddRange(points.Select(p => new ScatterPoint(p.X, p.Y)));
        return series;
    }
}

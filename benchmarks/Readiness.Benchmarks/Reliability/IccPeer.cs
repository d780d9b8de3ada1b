using System.Diagnostics;
using System.Globalization;
using Readiness.Reliability;

namespace Readiness.Benchmarks.Reliability;

/// <summary>
/// <c>icc-peer DIR [targets] [raters]</c>: writes the benchmark's table to DIR/icc_table.csv for psych::ICC and prints
/// Readiness's six ICCs (form, value, F, lower, upper) with the time of a cold and a warm call.
/// </summary>
internal static class IccPeer
{
    public static int Run(string[] args)
    {
        var directory = args.Length > 1 ? args[1] : ".";
        var targets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var raters = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        var table = IccTable.Generate(targets, raters, seed: 7);
        IccTable.Write(table, Path.Combine(directory, "icc_table.csv"));

        var clock = Stopwatch.StartNew();
        var icc = IntraclassCorrelation.Compute(table);
        var cold = clock.Elapsed.TotalSeconds;
        clock.Restart();
        const int Repeats = 20;
        for (var r = 0; r < Repeats; r++)
        {
            icc = IntraclassCorrelation.Compute(table);
        }

        var warm = clock.Elapsed.TotalSeconds / Repeats;
        using var writer = new StreamWriter(Path.Combine(directory, "readiness_icc.csv"));
        writer.WriteLine("form,value,f,lower,upper");
        foreach (var e in icc.Estimates)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\"{e.Form}\",{e.Value:R},{e.F:R},{e.Lower:R},{e.Upper:R}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"readiness_seconds_cold,{cold:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"readiness_seconds_warm,{warm:F5}"));
        return 0;
    }
}

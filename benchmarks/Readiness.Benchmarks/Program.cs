using BenchmarkDotNet.Running;
using Readiness.Benchmarks;
using Readiness.Benchmarks.Calibration;
using Readiness.Benchmarks.Reliability;
using Readiness.Benchmarks.Scoring;

// Run all:          dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*'
// Run one class:    dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*Json*'
// The scale curves: dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale 10k,100k,1M,10M (calibration)
//                   dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale-scoring 10k,100k,1M,10M
//                   dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale-growth 10k,100k,1M 3 (ratings a cycle, cycles)
// CI's smoke run:   dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- smoke (every benchmark once, small, in-process)
// Probabilities:    dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- probability-calibration 17 Local,WidelyCrossed
// Growth:           dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- growth-recovery 5
// ICC peer table:   dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- icc-peer DIR (used by peers/compare_psych_icc.sh)
return args.FirstOrDefault() switch
{
    "scale" => ScaleCurve.Run(args),
    "scale-one" => ScaleCurve.RunOne(args),
    "scale-scoring" => ScoringScaleCurve.Run(args),
    "scale-growth" => GrowthScaleCurve.Run(args),
    "scale-growth-one" => GrowthScaleCurve.RunOne(args),
    "scale-scoring-one" => ScoringScaleCurve.RunOne(args),
    "icc-peer" => IccPeer.Run(args),
    "probability-calibration" => ProbabilityCalibration.Run(args),
    "growth-recovery" => Readiness.Benchmarks.Calibration.GrowthRecovery.Run(args),
    "smoke" => Smoke.Run(),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Running;
using Readiness.Benchmarks.Calibration;
using Readiness.Benchmarks.Reliability;

// Run all:          dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*'
// Run one class:    dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*Json*'
// The scale curve:  dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale 10k,100k,1M,10M
// ICC peer table:   dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- icc-peer DIR (used by peers/compare_psych_icc.sh)
return args.FirstOrDefault() switch
{
    "scale" => ScaleCurve.Run(args),
    "scale-one" => ScaleCurve.RunOne(args),
    "icc-peer" => IccPeer.Run(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Running;
using Readiness.Benchmarks.Calibration;

// Run all:          dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*'
// Run one class:    dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*Json*'
// The scale curve:  dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale 10k,100k,1M,10M
return args.FirstOrDefault() switch
{
    "scale" => ScaleCurve.Run(args),
    "scale-one" => ScaleCurve.RunOne(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

using BenchmarkDotNet.Running;

// Run all:       dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*'
// Run one class: dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- --filter '*Json*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

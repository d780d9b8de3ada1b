using Readiness.Demo;
using Spectre.Console;

// The main demo: your best performer is not automatically your best leader, told end to end on a simulated organisation
// (or on your own export with --ratings), ending in a report with charts.
return DemoCommand.Create(AnsiConsole.Console).Parse(args).Invoke();

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Readiness;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Pipeline;
using Readiness.Scoring;
using Readiness.Talent;
using Readiness.Simulation;

// Readiness in a generic host: settings from appsettings.json (and the command line), validated when the host starts.
//   dotnet run --project samples/Readiness.Hosting
//   dotnet run --project samples/Readiness.Hosting -- --Readiness:Scoring:ReadyNowMinimumIndex=120   (a bad setting)

// 1. Build the host. The content root is the app's folder, so appsettings.json is found from any working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddReadiness(builder.Configuration.GetSection("Readiness"));
using var host = builder.Build();

// 2. Start it: a bad or misspelt setting stops here, every problem named by its key.
try
{
    await host.StartAsync();
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
{
    Console.Error.WriteLine("The host did not start: the Readiness settings are invalid.");
    foreach (var failure in e is OptionsValidationException v ? v.Failures : [e.Message])
    {
        Console.Error.WriteLine($"  {failure}");
    }

    return 1;
}

// 3. Resolve the services and run the library's pipeline on the demo organisation with them.
var calibrator = host.Services.GetRequiredService<IRatingCalibrator>();
var pipeline = new ReadinessPipeline(calibrator, host.Services.GetRequiredService<IReadinessScorer>(), host.Services.GetRequiredService<IDevelopmentPlanner>());
var role = host.Services.GetRequiredService<RoleProfile>();
var run = pipeline.Run(new ReadinessRunInput(OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = 1 }).TakeInRatings(), [role]));
var assessments = run.Assessments;

// 4. Report.
Console.WriteLine($"Scored {assessments.Length} people against '{role.Name}' ({calibrator.Method}, ready now from index {host.Services.GetRequiredService<IOptions<ReadinessOptions>>().Value.Scoring.ReadyNowMinimumIndex}):");
foreach (var band in assessments.GroupBy(a => a.Band).OrderBy(g => g.Key))
{
    Console.WriteLine($"  {band.Key,-22} {band.Count(),5}");
}

await host.StopAsync();
return 0;

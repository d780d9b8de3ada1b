using Readiness.Competencies;
using Readiness.Files;
using Readiness.Serialization;
using SharpFuzz;

// A SharpFuzz target per reader: what a user's file goes through. A documented refusal is the reader doing its job; any
// other exception escapes, and AFL++ records it as a crash. See README.md for how to run it.
var target = args.FirstOrDefault() ?? string.Empty;
Action<Stream> read = target switch
{
    "json-model" => stream => Refused(() => ReadinessJson.ReadCompetencyModel(stream)),
    "json-profile" => stream => Refused(() => ReadinessJson.ReadRoleProfile(stream, LeadershipFramework.Model)),
    "ratings-csv" => stream => Refused(() => ReadRatings(stream)),
    _ => throw new ArgumentException($"unknown target '{target}'; use json-model, json-profile or ratings-csv"),
};

if (args.Length > 1)
{
    // Replay one input (a crash AFL++ found) outside the fuzzer: the exception and its stack trace are printed.
    using var file = File.OpenRead(args[1]);
    read(file);
    Console.WriteLine("no crash");
    return;
}

Fuzzer.OutOfProcess.Run(read);

static void ReadRatings(Stream stream)
{
    var path = Path.Combine(Path.GetTempPath(), $"readiness-fuzz-{Environment.ProcessId}.csv");
    using (var file = File.Create(path))
    {
        stream.CopyTo(file);
    }

    RatingsTable.Read(path, LeadershipFramework.Model);
}

static void Refused(Action read)
{
    try
    {
        read();
    }
    catch (Exception e) when (e is ReadinessJsonException or TableFileException or ReadinessValidationException)
    {
        // The documented refusals.
    }
}

using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness framework [--role ID] [--out FILE.json]</c>: the built-in competency framework, or one of its role profiles
/// (the format <c>score --role</c> reads), as JSON.
/// </summary>
internal static class FrameworkVerb
{
    public static int Run(string? roleId, FileInfo? output, TextWriter console, TextWriter error)
    {
        string json;
        if (roleId is null)
        {
            json = ReadinessJson.Write(LeadershipFramework.Model);
        }
        else if (string.Equals(roleId, LeadershipFramework.FirstLineManagerId, StringComparison.OrdinalIgnoreCase))
        {
            json = ReadinessJson.Write(LeadershipFramework.FirstLineManager);
        }
        else
        {
            error.WriteLine($"error: role '{roleId}' is not built in; the built-in role is {LeadershipFramework.FirstLineManagerId}");
            return WeightsVerb.BadInput;
        }

        if (output is null)
        {
            console.WriteLine(json);
        }
        else
        {
            try
            {
                // Its folder is made as the other verbs make theirs; a path that cannot be written is named, not a stack trace.
                output.Directory?.Create();
                File.WriteAllText(output.FullName, json + Environment.NewLine);
            }
            catch (Exception e) when (BadInput.Is(e))
            {
                return BadInput.Report(e, error, output.FullName);
            }

            console.WriteLine($"Wrote {output.FullName}");
        }

        return WeightsVerb.Ok;
    }
}

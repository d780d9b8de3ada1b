using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>
/// Reads competency models and role profiles from JSON files (<see cref="ReadinessJson"/>'s format and limits): text in
/// any encoding with a byte-order mark, and a file larger than any document within the size limit can be read as a
/// stream that stops at the limit — a 1 GB file is refused after 4 MiB, not after reading it whole.
/// </summary>
public static class FrameworkFiles
{
    /// <summary>Reads a competency model.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The file is not a model's JSON, or breaks a limit; every problem is listed with its JSON path.</exception>
    /// <exception cref="ReadinessValidationException">The model breaks a rule of <see cref="CompetencyModelBuilder"/>; every problem is listed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CompetencyModel ReadModel(string path) =>
        Read(path, ReadinessJson.ReadCompetencyModel, ReadinessJson.ReadCompetencyModel);

    /// <summary>Reads a role profile written for <paramref name="model"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="model">The model the role's competencies are looked up in.</param>
    /// <returns>The role.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ReadinessJsonException">The file is not a role's JSON, or breaks a limit; every problem is listed with its JSON path.</exception>
    /// <exception cref="ReadinessValidationException">The role breaks a rule (a competency the model lacks, a target off its scale); every problem is listed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RoleProfile ReadRole(string path, CompetencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Read(path, text => ReadinessJson.ReadRoleProfile(text, model), stream => ReadinessJson.ReadRoleProfile(stream, model));
    }

    private static T Read<T>(string path, Func<string, T> fromText, Func<Stream, T> fromStream)
    {
        ArgumentNullException.ThrowIfNull(path);

        // UTF-32 takes at most four bytes for each byte of UTF-8.
        if (new FileInfo(path).Length > 4L * JsonReadLimits.DefaultMaxBytes)
        {
            using var stream = File.OpenRead(path);
            return fromStream(stream);
        }

        return fromText(File.ReadAllText(path));
    }
}

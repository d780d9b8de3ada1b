using System.Text;
using System.Text.Json;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Serialization;

/// <summary>
/// Reads and writes competency models and role profiles as JSON (format version 1), with System.Text.Json source
/// generation so it works trimmed and AOT-compiled.
/// </summary>
/// <remarks>
/// <para>
/// Writing then reading gives back an equal object, and writing it again gives the identical text. Property names are
/// camelCase; a missing <c>description</c> or <c>criticalMinimum</c> is omitted; domains are written by name.
/// </para>
/// <para>
/// Reading is strict, because a silently misread model would mis-rank people: unknown and repeated properties, comments,
/// trailing commas, trailing content and values of the wrong type are refused, and the document must satisfy every rule
/// of <see cref="CompetencyModelBuilder"/> or <see cref="RoleProfileBuilder"/>. Every failure is a
/// <see cref="ReadinessJsonException"/> naming the JSON path and the rule. Documents over
/// <see cref="JsonReadLimits"/> are refused before they are parsed.
/// </para>
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class ReadinessJson
{
    /// <summary>The format version this library writes and reads, stored as <c>formatVersion</c>.</summary>
    public const int FormatVersion = 1;

    private const string Domains = "use \"IndividualPerformance\" or \"Leadership\"";

    // Stands in for a missing or unknown domain so the builder still checks the rest; its own complaint is dropped.
    private const CompetencyDomain UndefinedDomain = (CompetencyDomain)(-1);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes a competency model as indented JSON.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Write(CompetencyModel model) =>
        JsonSerializer.Serialize(ToDocument(model), ReadinessJsonContext.Default.ModelDocument);

    /// <summary>Writes a competency model as indented UTF-8 JSON to a stream.</summary>
    /// <param name="model">The model.</param>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="utf8Json"/> is null.</exception>
    public static void Write(CompetencyModel model, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, ToDocument(model), ReadinessJsonContext.Default.ModelDocument);
    }

    /// <summary>Writes a talent review (9-box, slates, bench, plans, people) as indented JSON, for reports and UIs.</summary>
    /// <param name="pipeline">The review.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pipeline"/> is null.</exception>
    public static string Write(Talent.TalentPipeline pipeline)
    {
        using var stream = new MemoryStream();
        Write(pipeline, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a talent review as indented UTF-8 JSON to a stream.</summary>
    /// <param name="pipeline">The review.</param>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pipeline"/> or <paramref name="utf8Json"/> is null.</exception>
    public static void Write(Talent.TalentPipeline pipeline, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(utf8Json);
        TalentJson.Write(pipeline, utf8Json);
    }

    /// <summary>Writes development plans as an indented UTF-8 JSON array to a stream (the shape of the review's <c>plans</c>).</summary>
    /// <param name="plans">The plans.</param>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plans"/> or <paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="ArgumentException">A plan is null.</exception>
    public static void Write(IEnumerable<Talent.DevelopmentPlan> plans, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        TalentJson.WritePlans(Guard.NoNulls(plans, "Plan"), utf8Json);
    }

    /// <summary>Writes a role profile as indented JSON; the model is referred to by its id.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public static string Write(RoleProfile profile) =>
        JsonSerializer.Serialize(ToDocument(profile), ReadinessJsonContext.Default.ProfileDocument);

    /// <summary>Writes a role profile as indented UTF-8 JSON to a stream; the model is referred to by its id.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> or <paramref name="utf8Json"/> is null.</exception>
    public static void Write(RoleProfile profile, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, ToDocument(profile), ReadinessJsonContext.Default.ProfileDocument);
    }

    /// <summary>Reads a competency model from JSON text within the <see cref="JsonReadLimits.Default"/> limits.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The validated, immutable model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid model.</exception>
    public static CompetencyModel ReadCompetencyModel(string json) => ReadCompetencyModel(json, JsonReadLimits.Default);

    /// <summary>Reads a competency model from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="limits">Size and depth limits.</param>
    /// <returns>The validated, immutable model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid model.</exception>
    public static CompetencyModel ReadCompetencyModel(string json, JsonReadLimits limits) =>
        ToModel(Deserialize(Encode(json, limits), limits, ReadinessJsonContext.Default.ModelDocument));

    /// <summary>Reads a competency model from a UTF-8 JSON stream within the <see cref="JsonReadLimits.Default"/> limits.</summary>
    /// <param name="utf8Json">The stream, read to its end (a byte-order mark is allowed); left open.</param>
    /// <returns>The validated, immutable model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid model.</exception>
    public static CompetencyModel ReadCompetencyModel(Stream utf8Json) => ReadCompetencyModel(utf8Json, JsonReadLimits.Default);

    /// <summary>Reads a competency model from a UTF-8 JSON stream.</summary>
    /// <param name="utf8Json">The stream, read to its end (a byte-order mark is allowed); left open.</param>
    /// <param name="limits">Size and depth limits.</param>
    /// <returns>The validated, immutable model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid model.</exception>
    public static CompetencyModel ReadCompetencyModel(Stream utf8Json, JsonReadLimits limits) =>
        ToModel(Deserialize(ReadBounded(utf8Json, limits), limits, ReadinessJsonContext.Default.ModelDocument));

    /// <summary>Reads a role profile from JSON text within the <see cref="JsonReadLimits.Default"/> limits.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="model">The model the profile was written for; its id must match the document's <c>modelId</c>.</param>
    /// <returns>The validated, immutable profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid profile.</exception>
    public static RoleProfile ReadRoleProfile(string json, CompetencyModel model) => ReadRoleProfile(json, model, JsonReadLimits.Default);

    /// <summary>Reads a role profile from JSON text, resolving its competencies in <paramref name="model"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="model">The model the profile was written for; its id must match the document's <c>modelId</c>.</param>
    /// <param name="limits">Size and depth limits.</param>
    /// <returns>The validated, immutable profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/>, <paramref name="model"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid profile.</exception>
    public static RoleProfile ReadRoleProfile(string json, CompetencyModel model, JsonReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToProfile(Deserialize(Encode(json, limits), limits, ReadinessJsonContext.Default.ProfileDocument), model);
    }

    /// <summary>Reads a role profile from a UTF-8 JSON stream within the <see cref="JsonReadLimits.Default"/> limits.</summary>
    /// <param name="utf8Json">The stream, read to its end (a byte-order mark is allowed); left open.</param>
    /// <param name="model">The model the profile was written for; its id must match the document's <c>modelId</c>.</param>
    /// <returns>The validated, immutable profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid profile.</exception>
    public static RoleProfile ReadRoleProfile(Stream utf8Json, CompetencyModel model) => ReadRoleProfile(utf8Json, model, JsonReadLimits.Default);

    /// <summary>Reads a role profile from a UTF-8 JSON stream, resolving its competencies in <paramref name="model"/>.</summary>
    /// <param name="utf8Json">The stream, read to its end (a byte-order mark is allowed); left open.</param>
    /// <param name="model">The model the profile was written for; its id must match the document's <c>modelId</c>.</param>
    /// <param name="limits">Size and depth limits.</param>
    /// <returns>The validated, immutable profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/>, <paramref name="model"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="ReadinessJsonException">The document is malformed, over a limit, or describes an invalid profile.</exception>
    public static RoleProfile ReadRoleProfile(Stream utf8Json, CompetencyModel model, JsonReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToProfile(Deserialize(ReadBounded(utf8Json, limits), limits, ReadinessJsonContext.Default.ProfileDocument), model);
    }

    private static ModelDocument ToDocument(CompetencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelDocument
        {
            FormatVersion = FormatVersion,
            Id = model.Id,
            Name = model.Name,
            Description = model.Description,
            Scale = new ScaleDocument
            {
                Levels = [.. model.Scale.Levels.Select(l => new LevelDocument { Value = l.Value, Label = l.Label, Description = l.Description })],
            },
            Competencies =
            [
                .. model.Competencies.Select(c => new CompetencyDocument
                {
                    Id = c.Id.Value,
                    Name = c.Name,
                    Domain = c.Domain.ToString(),
                    Definition = c.Definition,
                    Indicators = [.. c.Indicators],
                    Anchors = [.. c.Anchors.Select(a => new AnchorDocument { Level = a.Level, Behaviour = a.Behaviour })],
                }),
            ],
        };
    }

    private static ProfileDocument ToDocument(RoleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ProfileDocument
        {
            FormatVersion = FormatVersion,
            Id = profile.Id,
            Name = profile.Name,
            Description = profile.Description,
            ModelId = profile.Model.Id,
            Requirements =
            [
                .. profile.Requirements.Select(r => new RequirementDocument
                {
                    Competency = r.Competency.Id.Value,
                    Target = r.Target,
                    Importance = r.Importance,
                    CriticalMinimum = r.CriticalMinimum,
                }),
            ],
        };
    }

    private static CompetencyModel ToModel(ModelDocument document)
    {
        var errors = new List<ValidationError>();
        CheckFormatVersion(document.FormatVersion, errors);
        var scale = ToScale(document.Scale, errors);
        var builder = new CompetencyModelBuilder(document.Id, document.Name).WithDescription(document.Description);
        if (scale is not null)
        {
            builder.WithScale(scale);
        }

        if (document.Competencies is null)
        {
            errors.Add(new("$.competencies", "is missing; a model needs an array of competencies"));
        }

        var competencies = document.Competencies ?? [];
        for (var i = 0; i < competencies.Count; i++)
        {
            var path = $"$.competencies[{i}]";
            var c = competencies[i];
            if (c is null)
            {
                errors.Add(new(path, "is null; expected a competency object"));
                builder.AddCompetency(null, null, UndefinedDomain);
                continue;
            }

            builder.AddCompetency(c.Id, c.Name, ParseDomain(c.Domain, $"{path}.domain", errors), b =>
            {
                b.WithDefinition(c.Definition);
                foreach (var indicator in c.Indicators ?? [])
                {
                    b.AddIndicator(indicator);
                }

                var anchors = c.Anchors ?? [];
                for (var j = 0; j < anchors.Count; j++)
                {
                    if (anchors[j] is null)
                    {
                        errors.Add(new($"{path}.anchors[{j}]", "is null; expected an object with a level and a behaviour"));
                    }
                    else if (anchors[j]!.Level is null)
                    {
                        errors.Add(new($"{path}.anchors[{j}].level", "is missing; a whole number on the scale is required"));
                    }

                    b.AddAnchor(anchors[j]?.Level ?? int.MinValue, anchors[j]?.Behaviour);
                }
            });
        }

        return Finish(() => builder.Build(), errors, ignoreAnchorLevels: scale is null);
    }

    private static RoleProfile ToProfile(ProfileDocument document, CompetencyModel model)
    {
        var errors = new List<ValidationError>();
        CheckFormatVersion(document.FormatVersion, errors);
        if (document.ModelId is null)
        {
            errors.Add(new("$.modelId", "is missing; the id of the model the profile was written for is required"));
        }
        else if (!IdRules.Comparer.Equals(document.ModelId, model.Id))
        {
            errors.Add(new("$.modelId", $"'{document.ModelId}' does not match the model '{model.Id}' the profile is being read with"));
        }

        if (document.Requirements is null)
        {
            errors.Add(new("$.requirements", "is missing; a profile needs an array of requirements"));
        }

        var builder = new RoleProfileBuilder(document.Id, document.Name).WithDescription(document.Description);
        var requirements = document.Requirements ?? [];
        for (var i = 0; i < requirements.Count; i++)
        {
            var path = $"$.requirements[{i}]";
            var r = requirements[i];
            if (r is null)
            {
                errors.Add(new(path, "is null; expected a requirement object"));
            }
            else
            {
                RequireNumber(r.Target, $"{path}.target", errors);
                RequireNumber(r.Importance, $"{path}.importance", errors);
            }

            builder.Require(r?.Competency, r?.Target ?? double.NaN, r?.Importance ?? double.NaN, r?.CriticalMinimum);
        }

        return Finish(() => builder.Build(model), errors, ignoreAnchorLevels: false);
    }

    /// <summary>
    /// Runs the builder and merges its errors with those found while mapping the document. A builder error at or below a
    /// path the mapping already reported is a consequence of the same problem (a placeholder value) and is dropped.
    /// </summary>
    private static T Finish<T>(Func<T> build, List<ValidationError> errors, bool ignoreAnchorLevels)
    {
        try
        {
            var result = build();
            return errors.Count == 0 ? result : throw new ReadinessJsonException(errors);
        }
        catch (ReadinessValidationException e)
        {
            var reported = errors.Select(x => x.Path).ToList();
            foreach (var error in e.Errors)
            {
                var path = error.Path.Length == 0 ? "$" : "$." + error.Path;
                var shadowed = reported.Exists(p => path == p || path.StartsWith(p + ".", StringComparison.Ordinal) || path.StartsWith(p + "[", StringComparison.Ordinal));

                // Without a valid scale there is nothing to check anchor levels against; the scale errors say why.
                var anchorLevel = ignoreAnchorLevels && path.Contains(".anchors[", StringComparison.Ordinal) && path.EndsWith(".level", StringComparison.Ordinal);
                if (!shadowed && !anchorLevel)
                {
                    errors.Add(new ValidationError(path, error.Message));
                }
            }

            throw new ReadinessJsonException(errors, e);
        }
    }

    private static ProficiencyScale? ToScale(ScaleDocument? document, List<ValidationError> errors)
    {
        if (document?.Levels is not { } levelDocuments)
        {
            errors.Add(document is null
                ? new("$.scale", "is missing; a model needs a scale object with levels")
                : new("$.scale.levels", "is missing; a scale needs an array of levels"));
            return null;
        }

        var levels = new List<ScaleLevel>();
        var errorCount = errors.Count;
        for (var i = 0; i < levelDocuments.Count; i++)
        {
            var path = $"$.scale.levels[{i}]";
            var l = levelDocuments[i];
            if (l is null)
            {
                errors.Add(new(path, "is null; expected an object with a value, label and description"));
                continue;
            }

            if (l.Value is null)
            {
                errors.Add(new($"{path}.value", "is missing; a whole number is required"));
            }

            errors.AddProblem($"{path}.label", TextRules.CheckRequired(l.Label, TextRules.MaxNameLength));
            errors.AddProblem($"{path}.description", TextRules.CheckRequired(l.Description, TextRules.MaxTextLength));
            if (errors.Count == errorCount)
            {
                levels.Add(new ScaleLevel(l.Value!.Value, l.Label!, l.Description!));
            }
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        var scaleErrors = ProficiencyScale.Validate(levels, "$.scale.levels");
        errors.AddRange(scaleErrors);
        return scaleErrors.Count == 0 ? ProficiencyScale.Create(levels) : null;
    }

    private static CompetencyDomain ParseDomain(string? text, string path, List<ValidationError> errors)
    {
        foreach (var domain in Enum.GetValues<CompetencyDomain>())
        {
            if (string.Equals(text, domain.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return domain;
            }
        }

        errors.Add(new(path, text is null ? $"is missing; {Domains}" : $"'{text}' is not a domain; {Domains}"));
        return UndefinedDomain;
    }

    private static void CheckFormatVersion(int? version, List<ValidationError> errors)
    {
        if (version != FormatVersion)
        {
            errors.Add(new("$.formatVersion", version is null
                ? $"is missing; this library reads format version {FormatVersion}"
                : $"{version} is not supported; this library reads format version {FormatVersion}"));
        }
    }

    private static void RequireNumber(double? value, string path, List<ValidationError> errors)
    {
        if (value is null)
        {
            errors.Add(new(path, "is missing; a number is required"));
        }
    }

    private static ReadOnlyMemory<byte> Encode(string json, JsonReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        var maxBytes = limits.MaxBytes;

        // A UTF-16 char never encodes to fewer than one UTF-8 byte, so the length alone can refuse a huge string cheaply.
        if (json.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        try
        {
            var bytes = StrictUtf8.GetBytes(json);
            return bytes.Length > maxBytes ? throw TooLarge(maxBytes) : bytes;
        }
        catch (EncoderFallbackException e)
        {
            throw new ReadinessJsonException("$", "the text contains an unpaired surrogate character and cannot be encoded as UTF-8", e);
        }
    }

    private static ReadOnlyMemory<byte> ReadBounded(Stream utf8Json, JsonReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(limits);
        var maxBytes = limits.MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = utf8Json.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        ReadOnlyMemory<byte> bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Encoding.Unicode.Preamble) || bytes.Span.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            // Windows tools save "Unicode" as UTF-16; say so rather than report an invalid first byte.
            throw new ReadinessJsonException("$", "the document is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }

        return bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
    }

    private static ReadinessJsonException TooLarge(int maxBytes) =>
        new("$", $"the document is larger than {maxBytes} bytes, the limit set by JsonReadLimits.MaxBytes");

    private static TDocument Deserialize<TDocument>(
        ReadOnlyMemory<byte> utf8Json,
        JsonReadLimits limits,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TDocument> typeInfo)
        where TDocument : class
    {
        JsonStructureCheck.Run(utf8Json.Span, limits.MaxDepth);
        try
        {
            // The structure check has proven the root is an object, so the result is never null.
            return JsonSerializer.Deserialize(utf8Json.Span, typeInfo)!;
        }
        catch (JsonException e)
        {
            throw new ReadinessJsonException(e.Path ?? "$", DescribeShapeError(e), e);
        }
    }

    /// <summary>Turns the serializer's wording ("could not be converted to System.Nullable`1[System.Int32]") into the rule broken.</summary>
    private static string DescribeShapeError(JsonException e)
    {
        if (e.InnerException?.InnerException is DecoderFallbackException)
        {
            return "the text is not valid UTF-8";
        }

        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var plain = cut < 0 ? message : message[..cut];
        if (plain.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "this property is not part of the format; check its spelling and the format version";
        }

        var target = plain.IndexOf("converted to ", StringComparison.Ordinal) is var at and >= 0 ? plain[(at + 13)..] : null;
        return target switch
        {
            null => plain,
            _ when target.Contains("Int32", StringComparison.Ordinal) => "expected a whole number",
            _ when target.Contains("Double", StringComparison.Ordinal) => "expected a number",
            _ when target.StartsWith("System.String", StringComparison.Ordinal) => "expected a string or null",
            _ when target.Contains("List`1", StringComparison.Ordinal) => "expected an array",
            _ => "expected an object",
        };
    }
}

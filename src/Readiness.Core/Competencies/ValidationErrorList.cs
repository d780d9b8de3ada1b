namespace Readiness.Competencies;

/// <summary>Collects validation errors; a rule check returns null when it passes, or its complaint.</summary>
internal static class ValidationErrorList
{
    public static void AddProblem(this List<ValidationError> errors, string path, string? problem)
    {
        if (problem is not null)
        {
            errors.Add(new ValidationError(path, problem));
        }
    }
}

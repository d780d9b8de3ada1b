namespace Readiness.Talent;

/// <summary>The kinds of development intervention (the 70-20-10 shape: learning on the job, from others, and in programmes).</summary>
public enum InterventionType
{
    /// <summary>A structured programme: a course, an assessment-centre-based programme, a leadership curriculum.</summary>
    StructuredProgramme = 0,

    /// <summary>Coaching or mentoring by a manager, an experienced leader or a professional coach.</summary>
    Coaching = 1,

    /// <summary>A stretch assignment: real leadership work before the promotion, with support.</summary>
    StretchAssignment = 2,
}

namespace Readiness.Competencies;

/// <summary>The two competency sets the library keeps apart: doing the work well versus leading others to do it.</summary>
public enum CompetencyDomain
{
    /// <summary>Personal execution: results, quality, expertise and productivity delivered by the person themselves.</summary>
    IndividualPerformance = 0,

    /// <summary>Creating the conditions for others to deliver: expectations, accountability, delegation, development, trust.</summary>
    Leadership = 1,
}

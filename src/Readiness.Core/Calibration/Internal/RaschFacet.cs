namespace Readiness.Calibration.Internal;

/// <summary>The facets of the many-facet Rasch model, as the positions of their arrays (measures, elements, rating indices).</summary>
internal static class RaschFacet
{
    /// <summary>The people rated: abilities, the one facet that raises scores.</summary>
    public const int Ratee = 0;

    /// <summary>The competencies: difficulties.</summary>
    public const int Competency = 1;

    /// <summary>The raters: severities.</summary>
    public const int Rater = 2;

    /// <summary>The rater sources, when they are a facet of their own: severities.</summary>
    public const int Source = 3;
}

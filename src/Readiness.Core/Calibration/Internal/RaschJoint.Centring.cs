namespace Readiness.Calibration.Internal;

/// <summary>The identification constraints: thresholds, and each facet but the ratees, centred on 0 (raters within their groups or parts).</summary>
internal sealed partial class RaschJoint
{
    private void CentreThresholds()
    {
        var mean = Centre(Thresholds.AsSpan(1));

        // τ − c leaves every probability unchanged when every ratee also moves by −c.
        ShiftRatees(-mean);
    }

    private void CentreFacet(int facet)
    {
        if (facet == RaschFacet.Rater && RaterGroups is { } raterGroups && SourceGroups is { } sourceGroups)
        {
            CentreRatersByGroup(raterGroups, sourceGroups);
            return;
        }

        if (facet == RaschFacet.Rater && RateeRaterGroups is { } parts)
        {
            CentreRatersByPart(parts.Ratees, parts.Raters);
            return;
        }

        var sum = 0.0;
        var count = 0;
        for (var e = 0; e < Elements[facet]; e++)
        {
            if (Extreme[facet][e] == 0)
            {
                sum += Measures[facet][e];
                count++;
            }
        }

        if (count == 0)
        {
            return;
        }

        var mean = sum / count;
        for (var e = 0; e < Elements[facet]; e++)
        {
            Measures[facet][e] -= mean;
        }

        // (B − c) − (D − c) = B − D: the ratees absorb the shift.
        ShiftRatees(-mean);
    }

    private void CentreRatersByGroup(int[] raterGroups, int[] sourceGroups)
    {
        var groups = raterGroups.Length == 0 ? 0 : raterGroups.Max() + 1;
        var sum = new double[groups];
        var count = new int[groups];
        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            if (Extreme[RaschFacet.Rater][e] == 0)
            {
                sum[raterGroups[e]] += Measures[RaschFacet.Rater][e];
                count[raterGroups[e]]++;
            }
        }

        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            var g = raterGroups[e];
            Measures[RaschFacet.Rater][e] -= count[g] > 0 ? sum[g] / count[g] : 0;
        }

        // (C − c) + (S + c) = C + S: the group's sources absorb the shift.
        for (var e = 0; e < Elements[RaschFacet.Source]; e++)
        {
            var g = sourceGroups[e];
            Measures[RaschFacet.Source][e] += count[g] > 0 ? sum[g] / count[g] : 0;
        }
    }

    private void CentreRatersByPart(int[] rateeParts, int[] raterParts)
    {
        var parts = raterParts.Length == 0 ? 0 : raterParts.Max() + 1;
        parts = Math.Max(parts, rateeParts.Length == 0 ? 0 : rateeParts.Max() + 1);
        var sum = new double[parts];
        var count = new int[parts];
        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            if (Extreme[RaschFacet.Rater][e] == 0)
            {
                sum[raterParts[e]] += Measures[RaschFacet.Rater][e];
                count[raterParts[e]]++;
            }
        }

        var mean = sum.Select((s, g) => count[g] > 0 ? s / count[g] : 0).ToArray();
        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            Measures[RaschFacet.Rater][e] -= mean[raterParts[e]];
        }

        // (B − c) − (C − c) = B − C within the part: its ratees absorb the shift.
        for (var e = 0; e < Elements[RaschFacet.Ratee]; e++)
        {
            Measures[RaschFacet.Ratee][e] -= mean[rateeParts[e]];
        }
    }

    private void ShiftRatees(double shift)
    {
        var ratees = Measures[RaschFacet.Ratee];
        for (var e = 0; e < ratees.Length; e++)
        {
            ratees[e] += shift;
        }
    }
}

using System.Globalization;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>Checks of a rating design shared by every calibrator: what makes a method impossible, and what a reader should be told.</summary>
internal static class DesignChecks
{
    /// <summary>Refuses a rating set no method can use: empty, without variation, fewer ratings than parameters, or self-ratings only.</summary>
    public static void ThrowIfUnusable(CalibrationMethod method, RatingSet ratings, int parameters)
    {
        if (ratings.Count == 0)
        {
            throw new InsufficientRatingsException(method, "there are no ratings.");
        }

        var values = ratings.Values;
        var first = values[0];
        var allSame = true;
        foreach (var v in values)
        {
            if (v != first)
            {
                allSame = false;
                break;
            }
        }

        if (allSame && ratings.Count > 1)
        {
            throw new InsufficientRatingsException(method,
                $"all {ratings.Count} ratings are {first.ToString("R", CultureInfo.InvariantCulture)}; with no variation there is no rater bias to estimate.");
        }

        if (ratings.Count < parameters)
        {
            throw new InsufficientRatingsException(method, $"{ratings.Count} ratings are fewer than the {parameters} parameters of the method.");
        }

        if (!HasOthers(ratings.Sources))
        {
            throw new InsufficientRatingsException(method, $"all {ratings.Count} ratings are self-ratings; estimates need ratings from other people.");
        }
    }

    /// <summary>Refuses ratings by others of one person only: a variance between people needs two, and with one the person is the intercept.</summary>
    public static void ThrowIfOnePerson(CalibrationMethod method, RatingSet others)
    {
        if (others.Ratees.Length < 2)
        {
            throw new InsufficientRatingsException(method,
                $"only one person ('{others.Ratees[0]}') was rated by others; the model needs at least two people to tell a person's level from the average.");
        }
    }

    private static bool HasOthers(ReadOnlySpan<RaterSource> sources)
    {
        foreach (var source in sources)
        {
            if (source != RaterSource.Self)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Refuses centring or standardising on raters' own means when no rater gave two ratings of others: each rating would
    /// be moved to the grand mean, and every person would come out the same.
    /// </summary>
    public static void ThrowIfNoRaterRepeats(CalibrationMethod method, int[] count)
    {
        if (count.All(c => c <= 1))
        {
            throw new InsufficientRatingsException(method,
                "no rater gave more than one rating of others (an export that anonymises each response, for example): centring each rater's ratings on their own mean would make every person's estimate the same. The crossed model (CrossedRandomEffects) fits such ratings with a rater effect per person and source in place of the rater term.");
        }
    }

    /// <summary>Adds the warnings a reader of the fit needs about its design; with <paramref name="raterEffects"/> false (a fit without the rater term) those about telling raters apart are left out.</summary>
    public static void AddDesignWarnings(RatingSet ratings, List<CalibrationWarning> warnings, bool raterEffects = true)
    {
        var raterCount = new int[ratings.Raters.Length];
        foreach (var r in ratings.RaterIndices)
        {
            raterCount[r]++;
        }

        var single = raterCount.Count(c => c == 1);
        if (single > 0 && raterEffects)
        {
            warnings.Add(CalibrationWarningCodes.SingleRatingRaters, $"{single} rater(s) gave only one rating; their leniency cannot be told apart from their judgement of that person, so their effects rest on the model alone.");
        }

        var ratee = ratings.RateeIndices;
        var rater = ratings.RaterIndices;
        var source = ratings.Sources;
        var otherRaters = new HashSet<int>[ratings.Ratees.Length];
        for (var i = 0; i < ratings.Count; i++)
        {
            if (source[i] != RaterSource.Self)
            {
                (otherRaters[ratee[i]] ??= []).Add(rater[i]);
            }
        }

        var thin = otherRaters.Count(s => s is null || s.Count <= 1);
        if (thin > 0 && raterEffects)
        {
            warnings.Add(CalibrationWarningCodes.ThinlyRatedPeople, $"{thin} person(s) were rated by at most one rater other than themselves; their estimates cannot separate that rater's leniency from their level and carry wide standard errors.");
        }

        var components = raterEffects ? ConnectedComponents(ratings) : 1;
        if (components > 1)
        {
            warnings.Add(CalibrationWarningCodes.DisconnectedDesign, $"The rater–ratee graph falls into {components} unconnected groups: rater effects are only comparable within a group, and comparisons across groups rest on the assumption that groups do not differ on average.");
        }
    }

    /// <summary>Counts the connected groups of the bipartite rater–ratee graph (union–find with path halving).</summary>
    public static int ConnectedComponents(RatingSet ratings)
    {
        var t = ratings.Ratees.Length;
        var n = t + ratings.Raters.Length;
        var sets = new DisjointSets(n);
        var ratee = ratings.RateeIndices;
        var rater = ratings.RaterIndices;
        for (var i = 0; i < ratings.Count; i++)
        {
            sets.Union(ratee[i], t + rater[i]);
        }

        return Enumerable.Range(0, n).Count(x => sets.Find(x) == x);
    }
}

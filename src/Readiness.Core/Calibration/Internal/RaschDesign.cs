using System.Globalization;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>A rating set laid out for the many-facet Rasch model: categories and compact element indices per facet.</summary>
/// <param name="Index">Element index of every rating, by facet (0 ratee, 1 competency, 2 rater, 3 source).</param>
/// <param name="Elements">The number of elements in each facet.</param>
/// <param name="Category">Every rating's category (0 = lowest level used).</param>
/// <param name="Levels">The scale level of each category.</param>
/// <param name="Competencies">The model index of each competency element.</param>
/// <param name="Sources">The source of each source element (empty without the source facet).</param>
/// <param name="RaterGroups">With sources, each rater's group of raters joined through shared sources.</param>
/// <param name="SourceGroups">With sources, each source's group.</param>
internal sealed record RaschDesign(
    int[][] Index, int[] Elements, int[] Category, int[] Levels, int[] Competencies, RaterSource[] Sources, int[]? RaterGroups, int[]? SourceGroups)
{
    public static RaschDesign Create(RatingSet ratings, bool sourceFacet, CalibrationMethod method)
    {
        var scale = ratings.Model.Scale;
        var values = ratings.Values;
        var used = new bool[scale.Maximum - scale.Minimum + 1];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != Math.Round(values[i]))
            {
                var r = ratings[i];
                throw new InsufficientRatingsException(method, string.Create(CultureInfo.InvariantCulture,
                    $"the rating of '{r.Ratee.Value}' by '{r.Rater.Value}' on '{r.Competency}' is {values[i]:R}, between levels; the Rasch model treats ratings as ordered categories, so every rating must be a level of the scale {scale}."));
            }

            used[(int)values[i] - scale.Minimum] = true;
        }

        var levels = Enumerable.Range(0, used.Length).Where(l => used[l]).Select(l => l + scale.Minimum).ToArray();
        var categoryOf = new int[used.Length];
        for (var k = 0; k < levels.Length; k++)
        {
            categoryOf[levels[k] - scale.Minimum] = k;
        }

        var category = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            category[i] = categoryOf[(int)values[i] - scale.Minimum];
        }

        var (competency, competencies) = Compact(ratings.CompetencyIndices.ToArray(), ratings.Model.Competencies.Length);
        var index = new List<int[]> { ratings.RateeIndices.ToArray(), competency, ratings.RaterIndices.ToArray() };
        var elements = new List<int> { ratings.Ratees.Length, competencies.Length, ratings.Raters.Length };
        RaterSource[] sources = [];
        int[]? raterGroups = null, sourceGroups = null;
        if (sourceFacet)
        {
            var sourceCodes = new int[ratings.Count];
            for (var i = 0; i < sourceCodes.Length; i++)
            {
                sourceCodes[i] = (int)ratings.Sources[i];
            }

            var (source, present) = Compact(sourceCodes, Enum.GetValues<RaterSource>().Length);
            sources = [.. present.Select(s => (RaterSource)s)];
            index.Add(source);
            elements.Add(sources.Length);
            (raterGroups, sourceGroups) = Groups(index[2], source, ratings.Raters.Length, sources.Length);
        }

        return new RaschDesign([.. index], [.. elements], category, levels, competencies, sources, raterGroups, sourceGroups);
    }

    /// <summary>Renumbers the codes that occur as 0, 1, … in code order; returns the new codes and the old code of each.</summary>
    private static (int[] Codes, int[] Present) Compact(int[] codes, int range)
    {
        var seen = new bool[range];
        foreach (var c in codes)
        {
            seen[c] = true;
        }

        var present = Enumerable.Range(0, range).Where(c => seen[c]).ToArray();
        var map = new int[range];
        for (var k = 0; k < present.Length; k++)
        {
            map[present[k]] = k;
        }

        return ([.. codes.Select(c => map[c])], present);
    }

    /// <summary>
    /// The connected groups of the ratee–rater graph (ratees and raters joined by a rating), or null when it is connected.
    /// Within a group, every ratee and every rater moved by the same amount leaves every probability unchanged: the
    /// likelihood cannot place groups against each other, so each group's raters are centred on their own.
    /// </summary>
    public (int[] Ratees, int[] Raters)? RateeRaterGroups()
    {
        var (ratees, raters, count) = Components(Index[RaschFacet.Ratee], Index[RaschFacet.Rater], Elements[RaschFacet.Ratee], Elements[RaschFacet.Rater]);
        return count <= 1 ? null : (ratees, raters);
    }

    /// <summary>Connected groups of the rater–source graph, numbered by first appearance.</summary>
    private static (int[] Raters, int[] Sources) Groups(int[] rater, int[] source, int raters, int sources)
    {
        var (raterGroups, sourceGroups, _) = Components(rater, source, raters, sources);
        return (raterGroups, sourceGroups);
    }

    /// <summary>The connected groups of a two-sided graph (one edge per rating), numbered by first appearance, and their number.</summary>
    private static (int[] Left, int[] Right, int Count) Components(int[] left, int[] right, int lefts, int rights)
    {
        var sets = new DisjointSets(lefts + rights);
        for (var i = 0; i < left.Length; i++)
        {
            sets.Union(left[i], lefts + right[i]);
        }

        var number = new Dictionary<int, int>();
        var group = new int[lefts + rights];
        for (var x = 0; x < group.Length; x++)
        {
            var root = sets.Find(x);
            if (!number.TryGetValue(root, out var g))
            {
                number[root] = g = number.Count;
            }

            group[x] = g;
        }

        return (group[..lefts], group[lefts..], number.Count);
    }
}

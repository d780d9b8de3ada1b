namespace Readiness.Scoring.Internal;

/// <summary>A candidate's rank in the cohort and the range their true levels plausibly put it in.</summary>
/// <param name="Rank">The rank by the point ranking, 1 = most ready.</param>
/// <param name="Low">The best plausible rank.</param>
/// <param name="High">The worst plausible rank.</param>
internal readonly record struct CohortRank(int Rank, int Low, int High);

using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Talent;

/// <summary>
/// Which interventions fit which competency: the development planner's catalogue, replaceable by the caller's own
/// (their programmes, their coaching offer, their stretch roles).
/// </summary>
/// <remarks>
/// <see cref="Default"/> covers the built-in framework's fourteen competencies. Its leadership entries lead with work
/// done through others — delegating a real piece of work, developing someone, holding a difficult conversation — because
/// the behaviours a new leader lacks are learnt by doing them with support, not by more technical training. A competency
/// the catalogue does not name gets coaching and a stretch assignment on it, named after the competency.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class InterventionCatalogue
{
    private readonly ImmutableDictionary<string, ImmutableArray<Intervention>> _entries;

    private InterventionCatalogue(ImmutableDictionary<string, ImmutableArray<Intervention>> entries) => _entries = entries;

    /// <summary>Gets the catalogue for the built-in leadership framework.</summary>
    public static InterventionCatalogue Default { get; } = BuildDefault();

    /// <summary>Gets the competency ids the catalogue names.</summary>
    public IEnumerable<string> Competencies => _entries.Keys.Order(StringComparer.Ordinal);

    /// <summary>Creates a catalogue.</summary>
    /// <param name="entries">Interventions per competency id (ids compared ignoring case); each list non-empty.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="ArgumentException">An id is blank or repeated, or a list is empty or holds a null.</exception>
    public static InterventionCatalogue Create(IEnumerable<KeyValuePair<string, IEnumerable<Intervention>>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var builder = ImmutableDictionary.CreateBuilder<string, ImmutableArray<Intervention>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, interventions) in entries)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A competency id in the catalogue is blank.", nameof(entries));
            }

            var list = (interventions ?? []).ToImmutableArray();
            if (list.IsEmpty || list.Any(i => i is null))
            {
                throw new ArgumentException($"Competency '{id}' must list at least one intervention, and no nulls.", nameof(entries));
            }

            if (!builder.TryAdd(id, list))
            {
                throw new ArgumentException($"Competency '{id}' appears twice in the catalogue.", nameof(entries));
            }
        }

        return new InterventionCatalogue(builder.ToImmutable());
    }

    /// <summary>Gets the interventions for a competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The catalogue's entry, or coaching and a stretch assignment named after the competency.</returns>
    public ImmutableArray<Intervention> For(Competency competency)
    {
        ArgumentNullException.ThrowIfNull(competency);
        return _entries.TryGetValue(competency.Id.Value, out var list)
            ? list
            : [
                new Intervention(InterventionType.Coaching, $"Coaching on {competency.Name}"),
                new Intervention(InterventionType.StretchAssignment, $"Stretch assignment that exercises {competency.Name}"),
            ];
    }

    /// <summary>
    /// The catalogue with what the organisation's own development was measured to do (<see cref="GrowthCalibration.InterventionEffects"/>):
    /// on each competency an intervention developed, the catalogue's intervention of the same name (ignoring case) carries
    /// its <see cref="Intervention.MeasuredEffect"/>, and one the catalogue does not list is added as
    /// <paramref name="unlisted"/>. The development planner then puts the interventions that helped first and times the
    /// gaps with them (<see cref="DevelopmentStep.YearsToCloseWithMeasured"/>).
    /// </summary>
    /// <param name="effects">The measured effects; those without <see cref="InterventionEffect.Competencies"/> cannot be placed and are left out.</param>
    /// <param name="model">The competency model the effects were measured on (names the competencies the catalogue does not).</param>
    /// <param name="unlisted">The kind given to a measured intervention the catalogue does not list.</param>
    /// <returns>The catalogue with the measured effects.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="effects"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">An effect is null, two effects share a name, or an effect names a competency the model does not have.</exception>
    public InterventionCatalogue WithMeasuredEffects(IEnumerable<InterventionEffect> effects, CompetencyModel model, InterventionType unlisted = InterventionType.StructuredProgramme)
    {
        var measured = Internal.Guard.NoNulls(effects, "effect");
        ArgumentNullException.ThrowIfNull(model);
        if (!Enum.IsDefined(unlisted))
        {
            throw new ArgumentOutOfRangeException(nameof(unlisted), unlisted, $"unlisted was {(int)unlisted}; it must be one of {string.Join(", ", Enum.GetNames<InterventionType>())}.");
        }

        if (measured.GroupBy(e => e.Intervention, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two measured effects are named '{twice.Key}' (ignoring case); give each intervention one.", nameof(effects));
        }

        var entries = _entries.ToBuilder();
        foreach (var effect in measured)
        {
            foreach (var id in effect.Competencies)
            {
                if (!model.TryGetCompetency(id.Value, out var competency))
                {
                    throw new ArgumentException($"The effect of '{effect.Intervention}' names the competency '{id}', which the model '{model.Id}' does not have.", nameof(effects));
                }

                var list = entries.TryGetValue(competency.Id.Value, out var listed) ? listed : For(competency);
                var at = -1;
                for (var k = 0; k < list.Length && at < 0; k++)
                {
                    at = string.Equals(list[k].Name, effect.Intervention, StringComparison.OrdinalIgnoreCase) ? k : -1;
                }

                entries[competency.Id.Value] = at >= 0
                    ? list.SetItem(at, list[at] with { MeasuredEffect = effect })
                    : list.Add(new Intervention(unlisted, effect.Intervention, "Measured in the organisation's own development records.") { MeasuredEffect = effect });
            }
        }

        return new InterventionCatalogue(entries.ToImmutable());
    }

    private static InterventionCatalogue BuildDefault()
    {
        static Intervention P(string name, string description) => new(InterventionType.StructuredProgramme, name, description);
        static Intervention C(string name, string description) => new(InterventionType.Coaching, name, description);
        static Intervention S(string name, string description) => new(InterventionType.StretchAssignment, name, description);
        var entries = new Dictionary<string, IEnumerable<Intervention>>
        {
            [SetsClearExpectations] = [
                S("Own a small team's quarterly goals", "Set the goals and success measures with the team and review them monthly."),
                C("Coaching on expectation-setting conversations", "Prepare and debrief goal-setting conversations with an experienced manager.")],
            [HoldsAccountable] = [
                S("Run the follow-through of a cross-team commitment", "Track commitments, raise slippage early and agree corrective actions."),
                C("Coaching on accountability conversations", "Rehearse and debrief conversations about missed commitments.")],
            [DevelopsOthers] = [
                S("Mentor a junior colleague for six months", "Agree development goals with them and give regular feedback; do not do their work."),
                C("Coaching on developing instead of doing", "Review where you took work back and how to teach instead."),
                P("Coaching-skills programme", "A structured course on coaching conversations and feedback.")],
            [Delegates] = [
                S("Delegate a real deliverable end to end", "Hand over a piece of your own work with the authority to decide; review outcomes, not steps."),
                C("Coaching on letting go", "Debrief each delegation: what you held back and why.")],
            [ManagesConflict] = [
                P("Difficult-conversations programme", "A structured course with practice on real cases."),
                C("Coaching through a live conflict", "Prepare and debrief a conflict you are handling now.")],
            [BuildsTrust] = [
                S("Lead work with a team of different working styles", "A cross-functional or cross-site piece of work."),
                C("Feedback on working-style preferences", "A 360° debrief of how others experience working with you.")],
            [Influences] = [
                S("Win support for a proposal without authority", "Take a change through stakeholders who do not report to you."),
                P("Influencing and stakeholder-management programme", "A structured course with a live stakeholder map.")],
            [NavigatesComplexity] = [
                S("Lead an ambiguous, cross-functional problem", "Frame the problem, the options and the decision."),
                P("Systems-thinking and decision-making programme", "A structured course on decisions under uncertainty.")],
            [SeeksFeedback] = [
                C("Feedback routine with a mentor", "Ask for and act on feedback after key meetings; review monthly."),
                S("Run a retrospective on your own work", "Invite the team's critique and publish what you change.")],
            [DevelopsPeers] = [
                S("Lead a peer learning circle", "Share expertise and help peers solve their problems."),
                C("Mentoring on peer development", "Plan how to raise the team's capability, not only your own.")],
            [DeliversResults] = [
                C("Planning and prioritisation coaching", "Review commitments against delivered results monthly."),
                S("Own an end-to-end deliverable", "A visible result with a deadline.")],
            [QualityOfWork] = [
                C("Quality review with a senior expert", "Regular review of work products."),
                P("Quality methods training", "A structured course in the discipline's quality practices.")],
            [TechnicalExpertise] = [
                P("Technical curriculum", "The discipline's structured training path."),
                S("Expert assignment", "A problem at the edge of your expertise.")],
            [Productivity] = [
                C("Working-practices coaching", "Remove the obstacles to your throughput."),
                P("Personal effectiveness course", "A structured course in planning and focus.")],
        };
        return Create(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));
    }
}

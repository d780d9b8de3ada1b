namespace Readiness.Competencies;

/// <summary>
/// The library's built-in competency framework. It encodes the premise that individual performance (personal execution)
/// and leadership (creating the conditions for others to deliver) are different competency sets: ten leadership
/// competencies and four individual-performance competencies, each with a behavioural anchor for every level of the 1–5
/// scale, and a first-line-manager role profile that weights leadership far above individual performance.
/// </summary>
/// <remarks>
/// The anchors were written for this library. Use the framework as is, as a starting point (read it with
/// <see cref="Serialization.ReadinessJson"/>, edit, read back), or replace it with your own model.
/// </remarks>
/// <threadsafety>The model and profile are immutable; safe to share across threads.</threadsafety>
public static class LeadershipFramework
{
    /// <summary>The id of the built-in model.</summary>
    public const string ModelId = "readiness-leadership";

    /// <summary>The id of the built-in first-line-manager role profile.</summary>
    public const string FirstLineManagerId = "first-line-manager";

    /// <summary>Leadership: sets clear expectations.</summary>
    public const string SetsClearExpectations = "sets-clear-expectations";

    /// <summary>Leadership: holds people accountable and follows through.</summary>
    public const string HoldsAccountable = "holds-accountable";

    /// <summary>Leadership: develops others rather than doing the work.</summary>
    public const string DevelopsOthers = "develops-others";

    /// <summary>Leadership: delegates genuinely.</summary>
    public const string Delegates = "delegates";

    /// <summary>Leadership: manages conflict and difficult conversations.</summary>
    public const string ManagesConflict = "manages-conflict";

    /// <summary>Leadership: builds trust across different working styles.</summary>
    public const string BuildsTrust = "builds-trust";

    /// <summary>Leadership: influences without authority.</summary>
    public const string Influences = "influences";

    /// <summary>Leadership: navigates complexity.</summary>
    public const string NavigatesComplexity = "navigates-complexity";

    /// <summary>Leadership: seeks and acts on feedback.</summary>
    public const string SeeksFeedback = "seeks-feedback";

    /// <summary>Leadership: develops peers.</summary>
    public const string DevelopsPeers = "develops-peers";

    /// <summary>Individual performance: delivers results.</summary>
    public const string DeliversResults = "delivers-results";

    /// <summary>Individual performance: quality of work.</summary>
    public const string QualityOfWork = "quality-of-work";

    /// <summary>Individual performance: technical expertise.</summary>
    public const string TechnicalExpertise = "technical-expertise";

    /// <summary>Individual performance: productivity.</summary>
    public const string Productivity = "productivity";

    /// <summary>Gets the built-in competency model on the default 1–5 scale.</summary>
    public static CompetencyModel Model { get; } = BuildModel();

    /// <summary>
    /// Gets the built-in first-line-manager profile: about 85% of the weight on leadership, 15% on individual performance,
    /// with critical minimums on setting expectations, accountability, developing others, delegation and conflict.
    /// </summary>
    public static RoleProfile FirstLineManager { get; } = BuildFirstLineManager();

    private static CompetencyModel BuildModel()
    {
        var builder = new CompetencyModelBuilder(ModelId, "Readiness leadership framework")
            .WithDescription("Individual performance and leadership as different competency sets: what makes a strong individual contributor, and what it takes to create the conditions for others to deliver.");

        Add(builder, SetsClearExpectations, "Sets clear expectations", CompetencyDomain.Leadership,
            "Makes sure people know what is expected of them, why it matters, what good looks like and by when.",
            ["Agrees outcomes, standards and deadlines explicitly rather than assuming them.",
             "Explains the purpose behind the work so people can make sensible trade-offs.",
             "Checks understanding and revisits expectations when priorities change."],
            ["Leaves expectations implicit; people find out what was wanted only when they miss it.",
             "States tasks and deadlines but rarely the standard or the reason; expectations shift without notice.",
             "Agrees clear outcomes, standards and deadlines for routine work and confirms they were understood.",
             "Keeps expectations clear through ambiguity and changing priorities, renegotiating them openly when they change.",
             "Builds a team where people set and check expectations with each other; others copy how this leader frames work."]);

        Add(builder, HoldsAccountable, "Holds people accountable", CompetencyDomain.Leadership,
            "Follows through on commitments, addresses missed expectations promptly and fairly, and recognises delivery.",
            ["Follows up on agreed commitments without being reminded.",
             "Raises missed expectations early, privately and with specifics.",
             "Applies the same standard to everyone, including high performers and friends."],
            ["Lets missed commitments pass, or fixes them personally instead of raising them.",
             "Raises problems late or vaguely; follow-through depends on mood or workload.",
             "Follows up consistently and addresses missed commitments promptly, specifically and fairly.",
             "Holds people to account in hard cases (a star performer, a peer, a long-standing habit) without damaging the relationship.",
             "Creates a culture where people hold themselves and each other accountable; rarely needs to intervene."]);

        Add(builder, DevelopsOthers, "Develops others rather than doing the work", CompetencyDomain.Leadership,
            "Grows people's capability through coaching, feedback and stretch, instead of taking over the work.",
            ["Coaches with questions before offering answers.",
             "Gives specific, timely feedback on how work was done, not only on results.",
             "Resists stepping in to do the work when someone else could learn from it."],
            ["Takes over work whenever it is hard or urgent; others do not learn from it.",
             "Helps when asked, mostly by giving answers or doing part of the work.",
             "Coaches people through problems and gives regular feedback; steps in only when the cost of failure is too high.",
             "Plans each person's development, matches work to growth needs and accepts short-term cost for long-term capability.",
             "Known for growing people: team members are regularly ready for bigger roles, and others seek this leader's coaching."]);

        Add(builder, Delegates, "Delegates genuinely", CompetencyDomain.Leadership,
            "Hands over whole pieces of work with the authority, context and support to decide, and lets go.",
            ["Delegates outcomes and decisions, not just tasks.",
             "Gives the context and resources needed, then stays out of the way.",
             "Lets people own the result and the credit."],
            ["Keeps all meaningful work; hands over only chores and checks every detail.",
             "Delegates tasks but keeps the decisions, or takes work back at the first difficulty.",
             "Delegates whole outcomes with clear authority and checkpoints, and lets the person decide how.",
             "Delegates stretch and high-visibility work, supporting through setbacks without taking it back.",
             "Builds a team that runs without them; delegation is used deliberately to grow people and the organisation."]);

        Add(builder, ManagesConflict, "Manages conflict and difficult conversations", CompetencyDomain.Leadership,
            "Addresses disagreements and hard messages directly, respectfully and early, and turns them into progress.",
            ["Raises difficult topics early instead of hoping they resolve.",
             "Separates the issue from the person and listens to every side.",
             "Drives conflict towards a decision or an agreement that sticks."],
            ["Avoids conflict and hard conversations, or lets them escalate into personal friction.",
             "Handles conflict when forced to, but late, indirectly or with visible discomfort.",
             "Holds difficult conversations directly and respectfully, and resolves routine disagreements fairly.",
             "Handles emotionally charged or high-stakes conflict calmly and turns it into better decisions.",
             "Makes healthy disagreement normal in the team; others bring their hardest conversations to this leader for help."]);

        Add(builder, BuildsTrust, "Builds trust across different working styles", CompetencyDomain.Leadership,
            "Earns trust from people who work, think and communicate differently, through consistency, candour and respect.",
            ["Does what they say they will do.",
             "Adapts communication to people with different styles and backgrounds.",
             "Shares information openly and admits mistakes."],
            ["Trusted by a small circle of similar people; others find them inconsistent or guarded.",
             "Reliable with people who work like them; struggles to connect with different styles.",
             "Consistent and candid; adapts to different working styles and is trusted across the team.",
             "Builds trust quickly with people very different from themselves, including sceptics and remote colleagues.",
             "Creates an environment where people across styles and backgrounds trust each other, not only this leader."]);

        Add(builder, Influences, "Influences without authority", CompetencyDomain.Leadership,
            "Gains commitment from people they do not manage through evidence, shared goals and relationships.",
            ["Builds a case that speaks to the other party's goals.",
             "Invests in relationships before they are needed.",
             "Gains commitment rather than reluctant compliance."],
            ["Relies on position or escalation; struggles to move people they do not manage.",
             "Persuades with own arguments; has little effect beyond people who already agree.",
             "Gains commitment from peers and partners by connecting proposals to their goals.",
             "Shifts the positions of senior or sceptical stakeholders and builds coalitions across groups.",
             "Shapes direction across the organisation; others adopt their framing and seek their support."]);

        Add(builder, NavigatesComplexity, "Navigates complexity", CompetencyDomain.Leadership,
            "Makes sound decisions and keeps people oriented when information is incomplete, goals compete and situations change.",
            ["Distinguishes what is known, unknown and assumed.",
             "Makes timely decisions with incomplete information and revisits them as facts change.",
             "Translates complexity into clear priorities for others."],
            ["Stalls or oversimplifies when the situation is ambiguous; passes the confusion on to others.",
             "Copes with moderate ambiguity but needs clear direction when goals compete.",
             "Makes timely, reasoned decisions with incomplete information and gives others clear priorities.",
             "Steers through competing goals, fast change and conflicting data, adjusting course without losing people.",
             "Helps the wider organisation make sense of complexity; others rely on their judgement in the hardest situations."]);

        Add(builder, SeeksFeedback, "Seeks and acts on feedback", CompetencyDomain.Leadership,
            "Actively asks for feedback on their own impact, receives it openly and visibly changes as a result.",
            ["Asks for specific feedback, including from direct reports.",
             "Responds to criticism with curiosity rather than defence.",
             "Acts on feedback and closes the loop with the people who gave it."],
            ["Rarely asks for feedback; becomes defensive or dismissive when it is given.",
             "Accepts feedback when offered but seldom asks for it or changes as a result.",
             "Regularly asks for specific feedback and acts on it visibly.",
             "Seeks out critical feedback from all directions, including direct reports, and changes long-standing habits.",
             "Models learning from feedback so that giving and using it becomes normal in the team."]);

        Add(builder, DevelopsPeers, "Develops peers", CompetencyDomain.Leadership,
            "Shares knowledge, gives feedback and helps colleagues at the same level grow, without formal authority.",
            ["Shares expertise and lessons learned with colleagues.",
             "Gives peers candid, constructive feedback.",
             "Makes time to help peers with their development."],
            ["Keeps knowledge to themselves; sees peers mainly as competitors.",
             "Helps peers when asked, but rarely offers feedback or shares lessons unprompted.",
             "Shares knowledge and gives peers constructive feedback as part of normal work.",
             "Actively mentors peers, including on difficult skills, and helps them succeed in their own goals.",
             "Raises the capability of the whole peer group; colleagues attribute their growth to this person."]);

        Add(builder, DeliversResults, "Delivers results", CompetencyDomain.IndividualPerformance,
            "Completes own commitments on time and to standard, overcoming obstacles along the way.",
            ["Meets own deadlines and commitments.",
             "Overcomes obstacles without lowering the standard.",
             "Focuses effort on the outcomes that matter most."],
            ["Often misses own commitments or delivers only part of what was agreed.",
             "Delivers routine work, but slips when obstacles appear.",
             "Reliably delivers own commitments on time and to standard.",
             "Delivers demanding, ambiguous or high-stakes work reliably, overcoming significant obstacles.",
             "Consistently delivers exceptional results that set the benchmark for others."]);

        Add(builder, QualityOfWork, "Quality of work", CompetencyDomain.IndividualPerformance,
            "Produces accurate, thorough work that meets or exceeds the standard without needing rework.",
            ["Checks own work before handing it over.",
             "Meets agreed standards consistently.",
             "Prevents defects rather than fixing them later."],
            ["Work frequently needs correction or rework by others.",
             "Work meets the standard with review and occasional rework.",
             "Work is accurate and complete; rework is rare.",
             "Work is reliably excellent, including on complex tasks; anticipates and prevents problems.",
             "Work is the reference others use for what good looks like."]);

        Add(builder, TechnicalExpertise, "Technical expertise", CompetencyDomain.IndividualPerformance,
            "Has and applies the specialist knowledge and skills the work requires, and keeps them current.",
            ["Applies specialist knowledge correctly to real problems.",
             "Keeps skills current as the field changes.",
             "Solves technical problems others cannot."],
            ["Lacks knowledge the work requires; depends on others for routine technical decisions.",
             "Handles routine technical work; needs help with less familiar problems.",
             "Applies solid expertise independently across the normal range of work.",
             "Deep expertise; solves non-routine problems and is consulted by colleagues.",
             "Recognised expert whose knowledge shapes how the organisation does the work."]);

        Add(builder, Productivity, "Productivity", CompetencyDomain.IndividualPerformance,
            "Produces a high volume of valuable work by organising time and effort well.",
            ["Plans and prioritises own workload.",
             "Works efficiently without sacrificing quality.",
             "Finds ways to do more with the same effort."],
            ["Output is low or erratic; time is often spent on low-value work.",
             "Output meets expectations only under close direction.",
             "Produces a solid volume of work independently and prioritises sensibly.",
             "Produces consistently high output by working smartly and removing waste.",
             "Exceptional output; improves how efficiently others work too."]);

        return builder.Build();
    }

    private static void Add(
        CompetencyModelBuilder builder,
        string id,
        string name,
        CompetencyDomain domain,
        string definition,
        string[] indicators,
        string[] anchorsFromLevelOne) =>
        builder.AddCompetency(id, name, domain, c =>
        {
            c.WithDefinition(definition);
            foreach (var indicator in indicators)
            {
                c.AddIndicator(indicator);
            }

            for (var i = 0; i < anchorsFromLevelOne.Length; i++)
            {
                c.AddAnchor(i + 1, anchorsFromLevelOne[i]);
            }
        });

    private static RoleProfile BuildFirstLineManager() =>
        new RoleProfileBuilder(FirstLineManagerId, "First-line manager")
            .WithDescription("Leads a team of individual contributors for the first time. Success depends on creating the conditions for others to deliver, not on personal execution.")
            .Require(SetsClearExpectations, target: 4, importance: 12, criticalMinimum: 3)
            .Require(HoldsAccountable, target: 4, importance: 12, criticalMinimum: 3)
            .Require(DevelopsOthers, target: 4, importance: 11, criticalMinimum: 3)
            .Require(Delegates, target: 4, importance: 10, criticalMinimum: 3)
            .Require(ManagesConflict, target: 4, importance: 9, criticalMinimum: 2)
            .Require(BuildsTrust, target: 4, importance: 9, criticalMinimum: 2)
            .Require(Influences, target: 3, importance: 6)
            .Require(NavigatesComplexity, target: 3, importance: 6)
            .Require(SeeksFeedback, target: 4, importance: 6)
            .Require(DevelopsPeers, target: 3, importance: 4)
            .Require(DeliversResults, target: 3, importance: 5)
            .Require(QualityOfWork, target: 3, importance: 4)
            .Require(TechnicalExpertise, target: 3, importance: 4)
            .Require(Productivity, target: 3, importance: 2)
            .Build(Model);
}

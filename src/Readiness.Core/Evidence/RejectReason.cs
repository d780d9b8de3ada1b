namespace Readiness.Evidence;

/// <summary>Why bulk intake refused a row.</summary>
public enum RejectReason
{
    /// <summary>The row could not be read at all (for example a malformed CSV line); reported by the caller's reader.</summary>
    Unreadable = 0,

    /// <summary>The ratee id is missing or does not follow the person-id rule.</summary>
    InvalidRatee = 1,

    /// <summary>The rater id is missing or does not follow the person-id rule.</summary>
    InvalidRater = 2,

    /// <summary>The source is not one of the defined <see cref="RaterSource"/> values.</summary>
    InvalidSource = 3,

    /// <summary>The competency id is not a competency of the model.</summary>
    UnknownCompetency = 4,

    /// <summary>The value is NaN or infinite.</summary>
    ValueNotFinite = 5,

    /// <summary>The value lies outside the model's proficiency scale.</summary>
    ValueOffScale = 6,

    /// <summary>A self-rating whose rater is not the ratee, or a rating of oneself not marked as a self-rating.</summary>
    SelfRatingMismatch = 7,

    /// <summary>The cycle label is blank or longer than 64 characters.</summary>
    InvalidCycle = 8,

    /// <summary>Two or more rows rate the same ratee on the same competency by the same rater in the same cycle.</summary>
    DuplicateRating = 9,

    /// <summary>The performance value is NaN or infinite, or the same ratee has two performance records for one cycle.</summary>
    InvalidPerformance = 10,
}

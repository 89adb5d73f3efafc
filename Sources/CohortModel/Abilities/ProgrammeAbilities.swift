/// What a viewer may do across the programme, from their account's role and cohorts.
extension Viewer {
    /// Admins run the programme: people, cohorts, mail, reviews' oversight.
    public var mayAdminister: Bool { isAdmin }

    /// Evaluators and admins work the review queue and claim submissions.
    public var mayReview: Bool { role == .evaluator || isAdmin }

    /// Cohorts whose submissions this reviewer may not claim: those they facilitate
    /// (their own portfolio is excluded too).
    public var cohortsWithReviewConflict: [Int64] {
        cohortRoles.filter { $0.value == .facilitator }.map(\.key).sorted()
    }

    /// A claimed submission is reviewed by whoever holds it; admins may look at any.
    func mayWorkOn(_ submission: Submission) -> Bool {
        submission.claimedById == id || isAdmin
    }

    /// Facilitators (of any cohort) and admins see the moderation queue.
    public var mayModerate: Bool { isAdmin || cohortRoles.values.contains(.facilitator) }

    /// Facilitators see who in their cohorts needs attention.
    public var followsParticipants: Bool { cohortRoles.values.contains(.facilitator) }

    /// Anyone in a cohort has artifacts of their own.
    public var hasArtifacts: Bool { !cohortRoles.isEmpty }

    /// Anyone in a cohort, and admins, read (and search) the boards.
    public var readsBoards: Bool { !cohortRoles.isEmpty || isAdmin }

    /// The cohorts whose portfolio this person keeps: those they are a participant of.
    public var portfolioCohortIds: [Int64] {
        cohortRoles.filter { $0.value == .participant }.keys.sorted()
    }

    /// The one cohort whose boards the navigation opens directly; nil when there is a
    /// choice to make (several cohorts, or an admin's view of all).
    public var onlyBoardsCohortId: Int64? {
        cohortRoles.count == 1 && !isAdmin ? cohortRoles.keys.first : nil
    }
}

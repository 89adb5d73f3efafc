/// What a viewer may do across the programme, from their account's role and cohorts.
extension Viewer {
    /// Admins run the programme: people, cohorts, mail, reviews' oversight.
    public var mayAdminister: Bool { isAdmin }

    /// Evaluators and admins work the review queue and claim submissions.
    public var mayReview: Bool { role == .evaluator || isAdmin }

    /// Facilitators (of any cohort) and admins see the moderation queue.
    public var mayModerate: Bool { isAdmin || cohortRoles.values.contains(.facilitator) }

    /// Anyone in a cohort has artifacts of their own.
    public var hasArtifacts: Bool { !cohortRoles.isEmpty }

    /// Anyone in a cohort, and admins, search the boards.
    public var maySearch: Bool { !cohortRoles.isEmpty || isAdmin }

    /// The cohort whose portfolio the navigation opens: the latest one they are a participant of.
    public var portfolioCohortId: Int64? {
        cohortRoles.filter { $0.value == .participant }.keys.sorted().last
    }
}

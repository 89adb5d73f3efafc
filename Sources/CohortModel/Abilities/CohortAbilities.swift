/// What a viewer may do in one cohort, worked out once from their roles. The routes'
/// policies, the model's writes and the pages all read these.
public struct CohortAbilities: Sendable, Equatable {
    public let cohortId: Int64
    /// Members and admins see a cohort; to anyone else it does not exist.
    public let canSee: Bool
    /// Facilitators and admins run its schedule, progress and boards.
    public let canManage: Bool
    /// Admins add people to the roster and remove members.
    public let canChangeRoster: Bool
    /// Members (not admins, who are not in the cohort) share artifacts with it.
    public let canShareArtifacts: Bool
    /// Participants keep a portfolio in it.
    public let canKeepPortfolio: Bool

    public init(viewer: Viewer, cohortId: Int64) {
        let role = viewer.cohortRoles[cohortId]
        self.cohortId = cohortId
        canSee = viewer.isAdmin || role != nil
        canManage = viewer.isAdmin || role == .facilitator
        canChangeRoster = viewer.isAdmin
        canShareArtifacts = role != nil
        canKeepPortfolio = role == .participant
    }
}

extension Viewer {
    public func abilities(inCohort cohortId: Int64) -> CohortAbilities {
        CohortAbilities(viewer: self, cohortId: cohortId)
    }

    public func canSee(cohortId: Int64) -> Bool { abilities(inCohort: cohortId).canSee }

    public func canManage(cohortId: Int64) -> Bool { abilities(inCohort: cohortId).canManage }

    func requireSee(cohortId: Int64) throws(CohortError) {
        guard canSee(cohortId: cohortId) else { throw .cohortNotFound }
    }

    func requireManage(cohortId: Int64) throws(CohortError) {
        try requireSee(cohortId: cohortId)
        guard canManage(cohortId: cohortId) else { throw .notAllowed }
    }

    /// A member is removed from a cohort by an admin, and never from one the viewer
    /// cannot see.
    func requireChangeRoster(cohortId: Int64) throws(CohortError) {
        try requireSee(cohortId: cohortId)
        guard abilities(inCohort: cohortId).canChangeRoster else { throw .rosterForAdmins }
    }
}

/// Who may see and run a cohort. A cohort a viewer may not see is reported as not
/// found, so its existence is not revealed.
extension Viewer {
    public func canSee(cohortId: Int64) -> Bool {
        isAdmin || cohortRoles[cohortId] != nil
    }

    /// Facilitators of the cohort and admins run its schedule and progress.
    public func canManage(cohortId: Int64) -> Bool {
        isAdmin || cohortRoles[cohortId] == .facilitator
    }

    func requireSee(cohortId: Int64) throws(CohortError) {
        guard canSee(cohortId: cohortId) else { throw .cohortNotFound }
    }

    func requireManage(cohortId: Int64) throws(CohortError) {
        try requireSee(cohortId: cohortId)
        guard canManage(cohortId: cohortId) else { throw .notAllowed }
    }
}

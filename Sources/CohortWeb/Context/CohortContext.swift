import CohortModel
import Hummingbird

/// Routes under `cohorts/:cohort`: the viewer is signed in and the cohort's abilities are
/// worked out once, by the model, before the handler runs. A cohort the viewer may not see
/// is not found (its existence is not revealed); one they see but may not use this way is
/// refused with the model's reason.
protocol CohortRequestContext: ChildRequestContext, SignedInRequestContext where ParentContext == AppRequestContext {
    /// What the route needs of the viewer in the cohort.
    static func admits(_ abilities: CohortAbilities) throws(CohortError)
    init(_ parent: SignedInContext, cohort: CohortAbilities)
}

extension CohortRequestContext {
    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        guard let cohortId = parent.parameters.get("cohort", as: Int64.self) else { throw HTTPError(.notFound) }
        let abilities = CohortAbilities(viewer: parent.viewer, cohortId: cohortId)
        guard abilities.canSee else { throw CohortError.cohortNotFound }
        try Self.admits(abilities)
        self.init(parent, cohort: abilities)
    }
}

/// Routes for the cohort's members (and admins).
struct CohortMemberContext: CohortRequestContext {
    static let policy = RoutePolicy.member
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?
    let cohort: CohortAbilities

    static func admits(_ abilities: CohortAbilities) throws(CohortError) {}

    init(_ parent: SignedInContext, cohort: CohortAbilities) {
        coreContext = parent.coreContext
        signedIn = parent.signedIn
        csrfToken = parent.csrfToken
        flash = parent.flash
        self.cohort = cohort
    }

    var cohortId: Int64 { cohort.cohortId }
}

/// Routes for the cohort's facilitators (and admins): its schedule and progress.
struct FacilitatorContext: CohortRequestContext {
    static let policy = RoutePolicy.facilitator
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?
    let cohort: CohortAbilities

    static func admits(_ abilities: CohortAbilities) throws(CohortError) {
        guard abilities.canManage else { throw .notAllowed }
    }

    init(_ parent: SignedInContext, cohort: CohortAbilities) {
        coreContext = parent.coreContext
        signedIn = parent.signedIn
        csrfToken = parent.csrfToken
        flash = parent.flash
        self.cohort = cohort
    }

    var cohortId: Int64 { cohort.cohortId }
}

/// Routes for admins within a cohort: its roster. Members who are not admins are refused;
/// others do not learn the cohort exists.
struct CohortAdminContext: CohortRequestContext {
    static let policy = RoutePolicy.cohortAdmin
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?
    let cohort: CohortAbilities

    static func admits(_ abilities: CohortAbilities) throws(CohortError) {
        guard abilities.canChangeRoster else { throw .rosterForAdmins }
    }

    init(_ parent: SignedInContext, cohort: CohortAbilities) {
        coreContext = parent.coreContext
        signedIn = parent.signedIn
        csrfToken = parent.csrfToken
        flash = parent.flash
        self.cohort = cohort
    }

    var cohortId: Int64 { cohort.cohortId }
}

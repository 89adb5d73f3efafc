import CohortModel
import Hummingbird

/// What a route under `cohorts/:cohort` needs of the viewer in that cohort.
protocol CohortRule {
    static var policy: RoutePolicy { get }
    /// Throws the refusal for a viewer who sees the cohort but may not use it this way.
    static func admit(_ abilities: CohortAbilities) throws(CohortError)
}

/// Routes under `cohorts/:cohort`: the viewer is signed in and the cohort's abilities are
/// worked out once, by the model, before the handler runs. A cohort the viewer may not see
/// is not found (its existence is not revealed); one they see but may not use this way is
/// refused with the model's reason.
struct CohortContext<Rule: CohortRule>: ChildRequestContext, SignedInRequestContext {
    static var policy: RoutePolicy { Rule.policy }
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?
    let cohort: CohortAbilities

    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        guard let cohortId = parent.parameters.get("cohort", as: Int64.self) else { throw HTTPError(.notFound) }
        let abilities = parent.viewer.abilities(inCohort: cohortId)
        guard abilities.canSee else { throw CohortError.cohortNotFound }
        try Rule.admit(abilities)
        coreContext = parent.coreContext
        signedIn = parent.signedIn
        csrfToken = parent.csrfToken
        flash = parent.flash
        cohort = abilities
    }

    var cohortId: Int64 { cohort.cohortId }
}

/// The cohort's members (and admins).
enum CohortMembers: CohortRule {
    static let policy = RoutePolicy.member
    static func admit(_ abilities: CohortAbilities) throws(CohortError) {}
}

/// The cohort's facilitators (and admins): its schedule and progress.
enum CohortFacilitators: CohortRule {
    static let policy = RoutePolicy.facilitator
    static func admit(_ abilities: CohortAbilities) throws(CohortError) {
        guard abilities.canManage else { throw .notAllowed }
    }
}

/// Admins, within a cohort: its roster. Members who are not admins are refused; others
/// do not learn the cohort exists.
enum CohortAdmins: CohortRule {
    static let policy = RoutePolicy.cohortAdmin
    static func admit(_ abilities: CohortAbilities) throws(CohortError) {
        guard abilities.canChangeRoster else { throw .rosterForAdmins }
    }
}

typealias CohortMemberContext = CohortContext<CohortMembers>
typealias FacilitatorContext = CohortContext<CohortFacilitators>
typealias CohortAdminContext = CohortContext<CohortAdmins>

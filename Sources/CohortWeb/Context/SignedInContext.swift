import CohortModel
import Hummingbird

/// What every signed-in context carries: `viewer` is not optional, so a handler
/// cannot forget to check.
protocol SignedInRequestContext: PolicyContext {
    var signedIn: SignedIn { get }
}

extension SignedInRequestContext {
    var viewer: Viewer { signedIn.viewer }
    var pageViewer: Viewer? { viewer }
    var unreadNotices: Int { signedIn.unreadNotices }
    var requestDecoder: FormDecoder { FormDecoder() }
    var maxUploadSize: Int { 1 << 20 }
}

/// Routes for anyone signed in.
struct SignedInContext: ChildRequestContext, SignedInRequestContext {
    static let policy = RoutePolicy.signedIn
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?
    let clientAddress: String

    init(context: AppRequestContext) throws {
        guard let signedIn = context.signedIn else { throw SignInRequired() }
        self.coreContext = context.coreContext
        self.signedIn = signedIn
        self.csrfToken = context.csrfToken
        self.flash = context.flash
        self.clientAddress = context.clientAddress
    }
}

/// Who a role's routes are for, from the account and its cohorts (the model's abilities).
protocol RoleRule {
    static var policy: RoutePolicy { get }
    /// Throws the refusal for anyone else.
    static func admit(_ viewer: Viewer) throws
}

/// Routes for one role across the programme; anyone else is refused before the handler.
struct RoleContext<Rule: RoleRule>: ChildRequestContext, SignedInRequestContext {
    static var policy: RoutePolicy { Rule.policy }
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?

    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        try Rule.admit(parent.viewer)
        self.coreContext = parent.coreContext
        self.signedIn = parent.signedIn
        self.csrfToken = parent.csrfToken
        self.flash = parent.flash
    }
}

enum Admins: RoleRule {
    static let policy = RoutePolicy.admin
    static func admit(_ viewer: Viewer) throws {
        guard viewer.mayAdminister else { throw HTTPError(.forbidden, message: "This page is for admins only.") }
    }
}

/// The review queue.
enum Evaluators: RoleRule {
    static let policy = RoutePolicy.evaluator
    static func admit(_ viewer: Viewer) throws {
        guard viewer.mayReview else { throw PortfolioError.notAllowed }
    }
}

/// The moderation queue: facilitators of any cohort, and admins.
enum Moderators: RoleRule {
    static let policy = RoutePolicy.moderator
    static func admit(_ viewer: Viewer) throws {
        guard viewer.mayModerate else { throw HTTPError(.forbidden, message: "The moderation queue is for facilitators and admins.") }
    }
}

typealias AdminContext = RoleContext<Admins>
typealias EvaluatorContext = RoleContext<Evaluators>
typealias ModeratorContext = RoleContext<Moderators>

/// Thrown where a page needs a signed-in person; answered with a redirect to sign in.
struct SignInRequired: Error {}

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

/// Routes for admins only; anyone else is refused.
struct AdminContext: ChildRequestContext, SignedInRequestContext {
    static let policy = RoutePolicy.admin
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?

    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        guard parent.viewer.mayAdminister else { throw HTTPError(.forbidden, message: "This page is for admins only.") }
        self.coreContext = parent.coreContext
        self.signedIn = parent.signedIn
        self.csrfToken = parent.csrfToken
        self.flash = parent.flash
    }
}

/// Routes for evaluators (and admins): the review queue.
struct EvaluatorContext: ChildRequestContext, SignedInRequestContext {
    static let policy = RoutePolicy.evaluator
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?

    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        guard parent.viewer.mayReview else { throw PortfolioError.notAllowed }
        self.coreContext = parent.coreContext
        self.signedIn = parent.signedIn
        self.csrfToken = parent.csrfToken
        self.flash = parent.flash
    }
}

/// Routes for facilitators of any cohort (and admins): the moderation queue.
struct ModeratorContext: ChildRequestContext, SignedInRequestContext {
    static let policy = RoutePolicy.moderator
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?

    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        guard parent.viewer.mayModerate else {
            throw HTTPError(.forbidden, message: "The moderation queue is for facilitators and admins.")
        }
        self.coreContext = parent.coreContext
        self.signedIn = parent.signedIn
        self.csrfToken = parent.csrfToken
        self.flash = parent.flash
    }
}

/// Thrown where a page needs a signed-in person; answered with a redirect to sign in.
struct SignInRequired: Error {}

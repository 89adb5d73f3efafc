import CohortModel
import Hummingbird

/// The context of routes that need a signed-in person: `viewer` is not optional, so
/// a handler cannot forget to check.
struct SignedInContext: ChildRequestContext {
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

    var viewer: Viewer { signedIn.viewer }
    var requestDecoder: FormDecoder { FormDecoder() }
    var maxUploadSize: Int { 1 << 20 }
}

/// The context of admin routes: signed in and an admin, or refused.
struct AdminContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedIn
    let csrfToken: String
    let flash: Flash?

    init(context: AppRequestContext) throws {
        let parent = try SignedInContext(context: context)
        guard parent.viewer.isAdmin else { throw HTTPError(.forbidden, message: "This page is for admins only.") }
        self.coreContext = parent.coreContext
        self.signedIn = parent.signedIn
        self.csrfToken = parent.csrfToken
        self.flash = parent.flash
    }

    var viewer: Viewer { signedIn.viewer }
    var requestDecoder: FormDecoder { FormDecoder() }
    var maxUploadSize: Int { 1 << 20 }
}

/// Thrown where a page needs a signed-in person; answered with a redirect to sign in.
struct SignInRequired: Error {}

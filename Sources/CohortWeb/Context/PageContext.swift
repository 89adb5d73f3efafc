import CohortModel
import Hummingbird

/// What the layout needs from any request context: who is looking, the CSRF token
/// for the sign-out form, and a message carried over from the previous request.
protocol PageContext: RequestContext {
    var pageViewer: Viewer? { get }
    var unreadNotices: Int { get }
    var csrfToken: String { get }
    var flash: Flash? { get }
}

extension AppRequestContext: PageContext {
    var pageViewer: Viewer? { signedIn?.viewer }
    var unreadNotices: Int { signedIn?.unreadNotices ?? 0 }
}

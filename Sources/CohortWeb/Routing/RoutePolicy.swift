import Hummingbird

/// Who may use a route, enforced by the request context of its group before the
/// handler runs. Finer rules (whose post, which submission) are the model's abilities.
public enum RoutePolicy: String, Sendable, CaseIterable, Codable {
    /// Anyone, signed in or not.
    case `public`
    case signedIn
    /// Members of the route's `:cohort`, and admins.
    case member
    /// Facilitators of the route's `:cohort`, and admins.
    case facilitator
    /// Admins, for a route under a `:cohort`: its members are refused, others find nothing.
    case cohortAdmin
    /// Facilitators of any cohort, and admins: the moderation queue.
    case moderator
    case evaluator
    case admin
}

/// A request context that enforces a policy when it is made from the app's context.
protocol PolicyContext: PageContext {
    static var policy: RoutePolicy { get }
}

extension AppRequestContext: PolicyContext {
    static let policy = RoutePolicy.public
}

/// What a route's request body is.
public enum RouteBody: String, Sendable, Codable {
    case none
    /// application/x-www-form-urlencoded, carrying the CSRF token.
    case form
    /// A file upload, streamed to its handler; the token comes in the URL or a header.
    case multipart
}

/// How a route is protected against forged requests.
public enum RouteCSRF: String, Sendable, Codable {
    /// A read, which changes nothing.
    case none
    /// The session's token must come with the request.
    case token
    /// The path itself carries a secret (unsubscribe links, which mail programs post to
    /// with no session and no form of ours, RFC 8058).
    case ownSecret
}

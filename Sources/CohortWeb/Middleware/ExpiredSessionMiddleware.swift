import CohortModel
import CohortURLs
import Hummingbird

/// A form sent from a page whose sign-in has since expired is not refused and lost: it
/// is kept for its author, who is asked to sign in, and then sent again (`ResumeController`).
/// Only a form carrying the expired sign-in's own CSRF token is kept, so a forged one
/// gains nothing by arriving after someone's sign-in expired.
struct ExpiredSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let signedOut = "You were signed out after a while away. Sign in again, and what you sent will be saved."

    let database: AppDatabase
    let cookies: CookieFactory
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .post, context.signedIn == nil,
            let token = request.cookies[CookieFactory.sessionName]?.value,
            let route = routes.route(.post, matching: request.uri.path), route.policy != .public, route.body == .form,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true,
            request.headers[.origin].map({ CSRFMiddleware.isSameOrigin($0, authority: request.head.authority) }) ?? true,
            let expired = try await database.expiredSession(token: token)
        else { return try await next(request, context) }
        // A page's script saving quietly is told; the person's own Save is what gets kept.
        if request.headers[.autosave] == "1" { return Response(status: .unauthorized) }
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        guard let sent = FormFields(body).first("_csrf"), SecureToken.constantTimeEquals(sent, expired.csrfToken) else {
            return try await next(request, context)  // refused as any stale form is
        }
        let held = try await database.holdForm(userId: expired.userId, path: request.uri.path, body: body)
        var response = Response.seeOther(SiteURL.login.path, flash: Flash(.alert, Self.signedOut), cookies: cookies)
        response.setCookie(cookies.heldForm(held))
        return response
    }
}

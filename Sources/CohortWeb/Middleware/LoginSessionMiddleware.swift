import CohortModel
import Hummingbird

/// Finds who is signed in from the session cookie, picks the CSRF token for this
/// request, and carries a flash message over from the previous request.
struct LoginSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let database: AppDatabase
    let cookies: CookieFactory
    let policy: SessionPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let requestCookies = request.cookies  // parsed once: each read of `request.cookies` parses the header again
        if let token = requestCookies[CookieFactory.sessionName]?.value,
            let signedIn = try await database.signedIn(token: token, policy: policy)
        {
            context.signedIn = signedIn
            context.csrfToken = signedIn.session.csrfToken
        }
        // Signed-out forms (sign in, setup, invitations) are protected by a token
        // kept in a cookie of its own (double submit).
        var newVisitorToken: String?
        if context.signedIn == nil {
            if let token = requestCookies[CookieFactory.visitorName]?.value, token.count == 43 {
                context.csrfToken = token
            } else {
                let token = SecureToken.generate()
                newVisitorToken = token
                context.csrfToken = token
            }
        }
        let flashCookie = requestCookies[Flash.cookieName]
        context.flash = flashCookie.flatMap { Flash(cookieValue: $0.value) }
        context.carriesFlashCookie = flashCookie != nil

        var response = try await next(request, context)
        if let newVisitorToken {
            response.setCookie(cookies.visitor(newVisitorToken))
        }
        let setsNewFlash = response.headers[values: .setCookie].contains { $0.hasPrefix(Flash.cookieName + "=") }
        if flashCookie != nil, response.status.kind == .successful, !setsNewFlash {
            response.setCookie(cookies.expired(Flash.cookieName))
        }
        return response
    }
}

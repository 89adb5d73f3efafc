import CohortModel
import CohortURLs
import Hummingbird

/// Signs a person in: a new session, its cookie, and a redirect onward.
struct SessionStarter: Sendable {
    let database: AppDatabase
    let cookies: CookieFactory
    let policy: SessionPolicy

    func signIn(_ user: User, redirectTo target: String, flash: Flash? = nil) async throws -> Response {
        let (token, _) = try await database.startLoginSession(userId: user.id!, policy: policy)
        var response = Response.redirect(to: LocalPath.isLocal(target) ? target : SiteURL.dashboard.path, type: .normal)
        response.setCookie(cookies.session(token))
        if let flash { response.setCookie(cookies.flash(flash)) }
        return response
    }
}

extension Response {
    /// 303 to `location`, with a message for the page it leads to.
    static func seeOther(_ location: String, flash: Flash? = nil, cookies: CookieFactory) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        if let flash { response.setCookie(cookies.flash(flash)) }
        return response
    }
}

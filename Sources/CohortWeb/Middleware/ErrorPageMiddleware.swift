import CohortModel
import CohortURLs
import Foundation
import Hummingbird
import Logging

/// Turns every error into a page in the layout that says what went wrong, with the
/// right status. No stack trace or SQL ever reaches a page: unexpected errors are
/// logged and shown as a plain 500.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let renderer: PageRenderer
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch is SignInRequired {
            let comesBack = request.method == .get && request.uri.path != SiteURL.dashboard.path
            let target = comesBack ? SiteURL.login.path + "?next=" + percentEncoded(request.uri.description) : SiteURL.login.path
            return .redirect(to: target, type: .normal)
        } catch {
            let page = ErrorPage(error, request: request, context: context, routes: routes)
            if page.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            var response = try renderer.render(page, request: request, context: context, status: page.status)
            if let allow = page.allow {
                response.headers[.allow] = allow
            }
            if let retryAfter = page.retryAfter {
                response.headers[.retryAfter] = String(retryAfter)
            }
            return response
        }
    }

    private func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-._~"))) ?? "/"
    }
}

import CohortModel
import HTTPTypes
import Hummingbird

/// Refuses a state-changing request unless it carries this session's CSRF token
/// and, when the browser says where it comes from, comes from this site.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let fieldName: Substring = "_csrf"
    static let refusal = "This form has expired or was sent from another site. Go back, reload the page and try again."

    static let headerName = HTTPField.Name("X-CSRF-Token")!

    let routes: RouteTable

    private struct TokenField: Decodable {
        let _csrf: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        switch request.method {
        case .get, .head, .options:
            return try await next(request, context)
        default:
            // A method no route takes changes nothing: let the router answer 404 or 405.
            guard routes.methods(matching: request.uri.path).contains(request.method) else {
                return try await next(request, context)
            }
        }
        if let origin = request.headers[.origin], !Self.isSameOrigin(origin, authority: request.head.authority) {
            throw HTTPError(.forbidden, message: Self.refusal)
        }
        if routes.route(request.method, matching: request.uri.path)?.csrf == .ownSecret { return try await next(request, context) }
        var request = request
        let sent: String?
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
                throw HTTPError(.contentTooLarge, message: "The form is larger than any form here sends.")
            }
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            do {
                guard let form = FormDecoder.typeable(String(buffer: body)) else { throw HTTPError(.badRequest) }
                sent = try URLEncodedFormDecoder().decode(TokenField.self, from: form)._csrf
            } catch {
                throw HTTPError(.badRequest, message: FormDecoder.unreadable)
            }
        } else {
            // Multipart uploads are streamed to their handler, so their forms send the
            // token in the action URL instead of the body.
            sent = request.headers[Self.headerName] ?? request.uri.queryParameters[Self.fieldName].map(String.init)
        }
        guard let sent, !context.csrfToken.isEmpty, SecureToken.constantTimeEquals(sent, context.csrfToken) else {
            throw HTTPError(.forbidden, message: Self.refusal)
        }
        return try await next(request, context)
    }

    /// `Origin: https://host:port` must name the host the request was sent to.
    static func isSameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let schemeEnd = origin.range(of: "://") else { return false }
        let host = origin[schemeEnd.upperBound...]
        return host.lowercased() == authority.lowercased()
    }
}

import CohortModel
import HTTPTypes
import Hummingbird

/// Refuses a state-changing request unless it carries this session's CSRF token
/// and, when the browser says where it comes from, comes from this site.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

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
            break
        }
        // A method no route takes changes nothing: let the router answer 404 or 405.
        guard let route = routes.route(request.method, matching: request.uri.path) else { return try await next(request, context) }
        if let origin = request.headers[.origin], !Self.isSameOrigin(origin, authority: request.head.authority) {
            throw HTTPError(.forbidden, message: Self.refusal)
        }
        if route.csrf == .ownSecret { return try await next(request, context) }
        var request = request
        let sent: String?
        if let header = request.headers[Self.headerName] {
            sent = header
        } else if route.body == .multipart, request.headers[.contentType].flatMap(MultipartUpload.boundary) != nil {
            // An upload is streamed to its handler, which reads the token from the form's
            // first part before it takes anything else (`MultipartUpload.read`).
            return try await next(request, context)
        } else if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
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
            sent = nil
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

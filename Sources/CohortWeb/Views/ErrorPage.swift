import CohortModel
import Hummingbird
import NIOHTTP1

/// The page shown for any error: its status, a title, and what to do about it.
struct ErrorPage: PageView {
    static let template = "error"

    var status: HTTPResponse.Status
    var title: String
    var message: String
    var signedIn: Bool
    /// For 405: the methods the address does answer.
    var allow: String?
    /// For 429: seconds to wait.
    var retryAfter: Int?

    /// Stored, not computed: templates read stored properties only.
    var code = 0

    init(_ error: any Error, request: Request, context: AppRequestContext, routes: RouteTable) {
        signedIn = context.signedIn != nil
        switch error {
        case let error as UserFacingError:
            status = Self.status(for: error.kind)
            message = error.message
        case let refusal as LoginThrottle.Refusal:
            status = .tooManyRequests
            message = refusal.message
            retryAfter = Int(refusal.retryAfter.rounded(.up))
        case let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound":
            let methods = routes.methods(matching: request.uri.path)
            if methods.isEmpty || methods.contains(request.method) {
                status = .notFound
                message = error.body ?? Self.defaultMessage(for: .notFound)
            } else {
                status = .methodNotAllowed
                allow = methods.map(\.rawValue).sorted().joined(separator: ", ")
                message = "This address does not accept \(request.method.rawValue) requests."
            }
        case let error as HTTPError:
            status = error.status
            message = error.body ?? Self.defaultMessage(for: error.status)
        case is HTTPParserError:
            // The body broke off or was framed wrongly while a handler read it.
            status = .badRequest
            message = "The request could not be read: it was cut short or malformed. Send it again."
        case let error as any HTTPResponseError where error.status.code < 500:
            // e.g. a body over the size limit
            status = error.status
            message = Self.defaultMessage(for: error.status)
        default:
            status = .internalServerError
            message = Self.defaultMessage(for: .internalServerError)
        }
        title = Self.title(for: status)
        code = status.code
    }

    static func status(for kind: RefusalKind) -> HTTPResponse.Status {
        switch kind {
        case .invalidInput: .unprocessableContent
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .gone: .gone
        case .tooManyAttempts: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedType: .unsupportedMediaType
        }
    }

    static func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Bad request"
        case 403: "Not allowed"
        case 404: "Page not found"
        case 405: "Method not allowed"
        case 409: "Already done"
        case 410: "No longer available"
        case 413: "Too large"
        case 415: "File type not accepted"
        case 422: "Please check what you sent"
        case 429: "Too many attempts"
        case 500..<600: "Something went wrong"
        default: status.reasonPhrase
        }
    }

    static func defaultMessage(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "The request could not be understood. Go back and try again."
        case 403: "You do not have access to this page."
        case 404: "There is nothing at this address. Check the link, or start again from your dashboard."
        case 413: "What you sent is larger than this form accepts."
        case 500..<600: "Something went wrong on our side. Please try again in a moment."
        default: status.reasonPhrase
        }
    }
}

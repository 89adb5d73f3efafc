import CohortModel
import Hummingbird

/// The context of every request: who is signed in (if anyone) and the CSRF token
/// forms must carry. Filled in by `LoginSessionMiddleware`.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var signedIn: SignedIn?
    public var csrfToken: String = ""
    /// A message left for this request by the one before it.
    var flash: Flash?
    /// Whether the request carries a flash cookie at all (readable or not): showing
    /// the page then consumes it.
    var carriesFlashCookie = false
    /// The client's IP address, for rate limits.
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public var requestDecoder: FormDecoder { FormDecoder() }

    /// Forms are small; uploads stream through their own routes.
    public var maxUploadSize: Int { 1 << 20 }
}

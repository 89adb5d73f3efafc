import CohortURLs
import Hummingbird

/// Invitation links are shown to the admin to pass on, so they name this host as the
/// admin's browser reached it.
struct InvitationLinks: Sendable {
    let secure: Bool

    func url(for token: String, request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        return "\(secure ? "https" : "http")://\(host)\(SiteURL.invitation.path(token))"
    }
}

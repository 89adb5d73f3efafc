import CohortMail
import CohortModel
import Synchronization

/// How the server sends mail: through a relay, or into the development mailbox.
public struct MailSettings: Sendable {
    public enum Route: Sendable {
        /// Each mail written as an .eml file in this folder, listed on the admin's mail page.
        case mailbox(directory: String)
        case smtp(SMTPSettings)
    }

    public var route: Route
    public var from: MailAddress
    /// The address links in mail start with; nil takes the address the server listens on.
    public var siteURL: String?
    public var schedule: MailSchedule
    /// How often the delivery service looks for mail to send.
    public var pollInterval: Duration

    public init(route: Route, from: MailAddress, siteURL: String? = nil, schedule: MailSchedule = MailSchedule(),
                pollInterval: Duration = .seconds(1)) {
        self.route = route
        self.from = from
        self.siteURL = siteURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.schedule = schedule
        self.pollInterval = pollInterval
    }

    var mailboxDirectory: String? {
        if case .mailbox(let directory) = route { return directory }
        return nil
    }

    func transport() -> any MailTransport {
        switch route {
        case .mailbox(let directory): MailboxTransport(directory: directory)
        case .smtp(let settings): SMTPTransport(settings: settings)
        }
    }
}

/// The site's own address for links in mail: given, or known once the server has
/// bound its port (which may have been picked by the system).
final class SiteAddress: Sendable {
    private let url = Mutex<String?>(nil)

    init(_ given: String?) { url.withLock { $0 = given } }

    var current: String? { url.withLock { $0 } }

    func settle(scheme: String, host: String, port: Int) {
        url.withLock { url in
            if url == nil { url = "\(scheme)://\(host):\(port)" }
        }
    }
}

import CohortModel
import CohortURLs
import Foundation

/// The outbox: what is waiting, what went, what was given up on and why.
struct AdminMailPage: PageView {
    static let template = "admin/mail"
    let title = "Mail"

    struct Row {
        let to: String
        let subject: String
        let href: String
        let state: String
        let queuedAt: String
        let lastError: String
    }

    let route: String
    let queued: Int
    /// Said only when some failed and wait to be tried again.
    let retryNote: String?
    let sent: Int
    let failed: Int
    let messages: [Row]

    init(_ overview: OutboxOverview, route: String, times: TimeDisplay) {
        self.route = route
        queued = overview.queued
        retryNote = overview.retrying == 0 ? nil : "of which \(overview.retrying) failed and will be tried again"
        sent = overview.sent
        failed = overview.failed
        messages = overview.latest.map {
            Row(to: $0.toAddress, subject: $0.content.subject, href: SiteURL.adminMailMessage.path($0.id!),
                state: Self.state($0), queuedAt: times.meeting($0.createdAt), lastError: $0.lastError ?? "")
        }
    }

    static func state(_ message: OutboxMessage) -> String {
        switch message.state {
        case .queued: message.attempts == 0 ? "Waiting" : "Will be tried again (\(message.attempts) \(message.attempts == 1 ? "try" : "tries") so far)"
        case .sent: "Sent"
        case .failed: "Given up"
        }
    }
}

/// One mail as it was (or will be) sent.
struct AdminMailMessagePage: PageView {
    static let template = "admin/mail-message"
    var title: String { subject }

    let csrfToken: String
    let subject: String
    let to: String
    let from: String
    let queuedAt: String
    let state: String
    let lastError: String?
    let messageID: String
    let failed: Bool
    let retryAction: String
    let text: String
}

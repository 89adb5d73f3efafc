import CohortMail
import CohortModel
import CohortURLs
import Foundation
import Mustache

/// Turns an outbox row into a message: plain text and HTML from `templates/mail/`,
/// with the site's address in front of every path, the .ics of a meeting, and the
/// one-click unsubscribe headers of RFC 8058.
struct MailComposer: Sendable {
    private let library: MustacheLibrary
    let from: MailAddress
    let site: SiteAddress

    init(templatesDirectory: String, from: MailAddress, site: SiteAddress) async throws {
        library = try await MustacheLibrary(directory: templatesDirectory + "/mail")
        guard library.getTemplate(named: "text") != nil, library.getTemplate(named: "html") != nil else {
            throw StartupError("mail templates missing from \(templatesDirectory)/mail: text.mustache and html.mustache")
        }
        self.from = from
        self.site = site
    }

    /// The sender's domain, so a message's ID is the same on every try, whatever port
    /// the server listens on this time.
    var messageIDDomain: String {
        from.address.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    func message(for outbox: OutboxMessage, now: Date = Date()) -> MailMessage {
        let siteURL = site.current ?? "https://localhost"
        let content = outbox.content
        let view = MailView(content, siteURL: siteURL)
        var headers: [(name: String, value: String)] = []
        if let unsubscribe = view.unsubscribe {
            headers.append((name: "List-Unsubscribe", value: "<\(unsubscribe.url)>"))
            headers.append((name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"))
        }
        if outbox.kind == .notification || outbox.kind == .summary || outbox.kind == .reminder {
            headers.append((name: "Auto-Submitted", value: "auto-generated"))
        }
        let attachments = content.meeting.map {
            [MailAttachment(filename: "meeting.ics", contentType: "text/calendar; method=PUBLISH",
                            data: Array(CalendarFile($0, now: now).text.utf8))]
        } ?? []
        return MailMessage(
            messageID: "\(outbox.messageId)@\(messageIDDomain)",
            from: from, to: MailAddress(outbox.toAddress, name: outbox.toName), subject: content.subject,
            date: outbox.createdAt,
            textBody: library.render(ReflectedView.wrap(view), withTemplate: "text") ?? "",
            htmlBody: library.render(ReflectedView.wrap(view), withTemplate: "html"),
            attachments: attachments, headers: headers)
    }
}

/// What the mail templates show.
struct MailView {
    struct Link { let label: String; let url: String }
    struct Item { let text: String; let url: String; let when: String }
    struct Unsubscribe { let topics: String; let url: String; let preferencesURL: String }

    let subject: String
    let greeting: String
    let paragraphs: [String]
    let action: Link?
    let items: [Item]
    let hasItems: Bool
    let unsubscribe: Unsubscribe?
    let siteURL: String

    init(_ content: MailContent, siteURL: String) {
        subject = content.subject
        greeting = content.greeting
        paragraphs = content.paragraphs
        action = content.action.flatMap { $0.path.isEmpty ? nil : Link(label: $0.label, url: siteURL + $0.path) }
        items = content.items.map { Item(text: $0.text, url: siteURL + $0.path, when: $0.when) }
        hasItems = !items.isEmpty
        unsubscribe = content.unsubscribe.map {
            Unsubscribe(topics: $0.topics.map(\.title).joined(separator: ", "), url: siteURL + $0.path,
                        preferencesURL: siteURL + SiteURL.account.path + "#mail")
        }
        self.siteURL = siteURL
    }
}

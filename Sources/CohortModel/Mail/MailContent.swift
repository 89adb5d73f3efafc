import Foundation

/// The words of one mail, decided when the event happens and kept in the outbox as
/// JSON; the delivery service renders them through `templates/mail/` with the site's
/// address in front of every path.
public struct MailContent: Codable, Sendable, Equatable {
    public struct Link: Codable, Sendable, Equatable {
        public var label: String
        public var path: String
    }

    /// One line of a summary.
    public struct Item: Codable, Sendable, Equatable {
        public var text: String
        public var path: String
        public var when: String
    }

    public struct Unsubscribe: Codable, Sendable, Equatable {
        /// A summary stands for every topic it sums up.
        public var topics: [MailTopic]
        /// Works without signing in (`List-Unsubscribe`, RFC 8058).
        public var path: String
    }

    /// A meeting to attach as an .ics file.
    public struct Meeting: Codable, Sendable, Equatable {
        public var uid: String
        public var title: String
        public var startsAt: Date
        public var durationMinutes: Int
        public var link: String?
    }

    public var subject: String
    public var greeting: String
    public var paragraphs: [String]
    public var action: Link?
    public var items: [Item] = []
    public var meeting: Meeting?
    public var unsubscribe: Unsubscribe?
    /// The action's path carries a secret (an invitation or reset token): the outbox
    /// forgets it once a relay has the mail.
    public var actionIsSecret = false

    public init(subject: String, greeting: String, paragraphs: [String], action: Link? = nil, items: [Item] = [],
                meeting: Meeting? = nil, unsubscribe: Unsubscribe? = nil, actionIsSecret: Bool = false) {
        self.subject = subject
        self.greeting = greeting
        self.paragraphs = paragraphs
        self.action = action
        self.items = items
        self.meeting = meeting
        self.unsubscribe = unsubscribe
        self.actionIsSecret = actionIsSecret
    }

    static func hello(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "Hello," }
        return "Hello \(name),"
    }
}

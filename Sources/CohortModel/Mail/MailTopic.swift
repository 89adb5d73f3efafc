import GRDB

/// What a person can choose to get mail about, each with its own choice on the
/// account page and its own unsubscribe link.
public enum MailTopic: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case reply
    case mention
    case feedback
    case feedbackRequest
    case reviewDecision
    case newThread
    case meetings
    case portfolioDeadline
    case courseworkDue
    case reviewHolds

    public var title: String {
        switch self {
        case .reply: "Replies to you"
        case .mention: "Mentions of you"
        case .feedback: "Feedback on your artifacts"
        case .feedbackRequest: "Requests for your feedback"
        case .reviewDecision: "Decisions on your portfolio"
        case .newThread: "New threads in boards you watch"
        case .meetings: "Meeting reminders, a day before"
        case .portfolioDeadline: "Portfolio deadline reminders"
        case .courseworkDue: "Course work reminders"
        case .reviewHolds: "Reminders before a review you hold lapses"
        }
    }

    /// Reminders are sent when due or not at all; a summary of them would come late.
    public var isReminder: Bool {
        switch self {
        case .meetings, .portfolioDeadline, .courseworkDue, .reviewHolds: true
        default: false
        }
    }

    public var choices: [MailDelivery] { isReminder ? [.immediately, .off] : MailDelivery.allCases }

    /// What someone who has not chosen gets: what is addressed to them at once,
    /// board activity once a day.
    public var defaultDelivery: MailDelivery { self == .newThread ? .daily : .immediately }

    /// The topic a notice is mailed under; nil for notices that stay in the browser.
    public init?(notice kind: Notice.Kind) {
        switch kind {
        case .reply: self = .reply
        case .mention: self = .mention
        case .feedback: self = .feedback
        case .feedbackRequest: self = .feedbackRequest
        case .reviewDecision: self = .reviewDecision
        case .watchedBoard: self = .newThread
        case .accepted, .watchedTopic: return nil
        }
    }

    /// The notice kinds mailed under this topic.
    var noticeKinds: [Notice.Kind] {
        switch self {
        case .reply: [.reply]
        case .mention: [.mention]
        case .feedback: [.feedback]
        case .feedbackRequest: [.feedbackRequest]
        case .reviewDecision: [.reviewDecision]
        case .newThread: [.watchedBoard]
        default: []
        }
    }
}

/// How mail about one topic reaches a person.
public enum MailDelivery: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case immediately
    case daily
    case weekly
    case off

    public var title: String {
        switch self {
        case .immediately: "At once"
        case .daily: "Daily summary"
        case .weekly: "Weekly summary"
        case .off: "Off"
        }
    }
}

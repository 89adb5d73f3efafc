/// Which text box a draft belongs to: one draft per person per box.
public enum DraftKey: Hashable, Sendable {
    case reply(topicId: Int64)
    case thread(boardId: Int64)
    case feedback(artifactId: Int64)

    /// `reply-12`, as the page names the box (`data-draft`).
    public var rawValue: String {
        switch self {
        case .reply(let id): "reply-\(id)"
        case .thread(let id): "thread-\(id)"
        case .feedback(let id): "feedback-\(id)"
        }
    }

    public init?(rawValue: String) {
        let parts = rawValue.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count <= 18, parts[1].allSatisfy(\.isASCII), let id = Int64(parts[1]), id > 0 else { return nil }
        switch parts[0] {
        case "reply": self = .reply(topicId: id)
        case "thread": self = .thread(boardId: id)
        case "feedback": self = .feedback(artifactId: id)
        default: return nil
        }
    }
}

public enum DraftRules {
    /// As long as the longest text it is a draft of.
    public static let maximumLength = 20_000
    /// Drafts one person keeps; the oldest go first.
    public static let maximumPerPerson = 100
}

import Foundation

/// One line of the notifications page: a notice, or many replies in one thread read as
/// one ("Ben and 11 others replied in “Rubrics”") rather than a line each.
public struct NoticeGroup: Sendable, Equatable {
    public let text: String
    /// Where reading starts: the earliest of the group's posts.
    public let link: String
    /// The newest notice's time.
    public let latestAt: Date
    public let unread: Bool
    public let count: Int

    /// Notices, newest first, grouped by thread and kind while they are replies in a
    /// thread and all unread or all read. Other kinds stay a line each.
    static func grouping(_ notices: [(notice: Notice, actorName: String?, topicTitle: String?)]) -> [NoticeGroup] {
        var order: [String] = []
        var members: [String: [(notice: Notice, actorName: String?, topicTitle: String?)]] = [:]
        for entry in notices {
            let notice = entry.notice
            let key = Self.groupable.contains(notice.kind) && notice.topicId != nil && entry.topicTitle != nil
                ? "\(notice.kind.rawValue)-\(notice.topicId!)-\(notice.readAt == nil)" : "one-\(notice.id!)"
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(entry)
        }
        return order.map { key in
            let group = members[key]!
            let newest = group[0].notice
            guard group.count > 1, let title = group[0].topicTitle else {
                return NoticeGroup(text: newest.text, link: newest.link, latestAt: newest.createdAt, unread: newest.readAt == nil, count: 1)
            }
            var names: [String] = []
            for entry in group { if let name = entry.actorName, !names.contains(name) { names.append(name) } }
            let who = switch names.count {
            case 0: "People"
            case 1: names[0]
            case 2: "\(names[0]) and \(names[1])"
            default: "\(names[0]) and \(names.count - 1) others"
            }
            let verb = newest.kind == .reply ? "replied to you in" : "replied in"
            let text = "\(who) \(verb) “\(title)” (\(Wording.count(group.count, "reply", "replies")))"
            return NoticeGroup(text: text, link: group[group.count - 1].notice.link, latestAt: newest.createdAt,
                               unread: newest.readAt == nil, count: group.count)
        }
    }

    private static let groupable: Set<Notice.Kind> = [.reply, .watchedTopic]
}

import Foundation

/// A participant a facilitator should look at, and why.
public struct AttentionItem: Sendable {
    public let cohortId: Int64
    public let cohortName: String
    public let member: CohortMember
    public let reasons: [String]
}

extension AppDatabase {
    /// Participants of the cohorts the viewer facilitates who missed a meeting that has
    /// ended, or whose course work is missing once it is due.
    public func attentionList(for viewer: Viewer, now: Date = Date()) async throws -> [AttentionItem] {
        let cohortIds = viewer.cohortRoles.filter { $0.value == .facilitator }.map(\.key).sorted()
        return try await reader.read { db in
            var items: [AttentionItem] = []
            for cohortId in cohortIds {
                let overview = try Self.cohortOverview(db, id: cohortId)
                let grid = try Self.trainingProgress(db, cohortId: cohortId)
                let courseworkDue = CalendarDay(overview.cohort.trainingEndsOn).map { $0 < CalendarDay(now) } ?? false
                for row in grid.rows {
                    let missed = grid.sessions.filter { scheduled in
                        let ended = scheduled.meeting.startsAt
                            .addingTimeInterval(Double(scheduled.meeting.durationMinutes) * 60) < now
                        return ended && !row.attendedSessionIds.contains(scheduled.session.id!)
                    }
                    var reasons = missed.map { "missed \($0.session.title)" }
                    if courseworkDue && !row.courseworkComplete { reasons.append("course work not complete") }
                    if !reasons.isEmpty {
                        items.append(AttentionItem(cohortId: cohortId, cohortName: overview.cohort.name,
                                                   member: row.member, reasons: reasons))
                    }
                }
            }
            return items
        }
    }
}

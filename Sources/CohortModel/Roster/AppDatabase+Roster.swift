import Foundation
import GRDB

extension AppDatabase {
    /// Imports a roster CSV into a cohort, all or nothing: when any row is rejected
    /// nothing changes and the report says why; otherwise every row is applied in one
    /// transaction. Existing accounts are enrolled, new people get an invitation.
    /// `progress` is told how many rows are done, for long files.
    public func importRoster(csv: String, into cohortId: Int64, by viewer: Viewer, now: Date = Date()) async throws
        -> RosterReport
    {
        try viewer.requireChangeRoster(cohortId: cohortId)
        return try await importRoster(csv: csv, into: cohortId, actorId: viewer.id, now: now, progress: nil)
    }

    /// The operator's import from the command line: no signed-in person, same rules.
    public func importRosterFromCommandLine(csv: String, into cohortId: Int64, now: Date = Date(),
                                            progress: @escaping @Sendable (Int, Int) -> Void) async throws
        -> RosterReport
    {
        try await importRoster(csv: csv, into: cohortId, actorId: nil, now: now, progress: progress)
    }

    private func importRoster(csv: String, into cohortId: Int64, actorId: Int64?, now: Date,
                              progress: (@Sendable (Int, Int) -> Void)?) async throws -> RosterReport {
        let file = try RosterFile(csv: csv)
        return try await writer.write { db in
            guard try Cohort.exists(db, id: cohortId) else { throw CohortError.cohortNotFound }
            if file.rows.contains(where: { $0.problem != nil }) {
                let lines = try file.rows.map { row in
                    RosterReport.Line(row: row.number, email: row.email, name: row.name, role: row.role,
                                      outcome: try row.problem.map { .rejected($0) }
                                          ?? Self.plannedOutcome(db, row: row, cohortId: cohortId))
                }
                return RosterReport(lines: lines, applied: false)
            }
            var lines: [RosterReport.Line] = []
            lines.reserveCapacity(file.rows.count)
            for (index, row) in file.rows.enumerated() {
                let outcome = try Self.apply(db, row: row, cohortId: cohortId, by: actorId, now: now)
                lines.append(RosterReport.Line(row: row.number, email: row.email, name: row.name, role: row.role,
                                               outcome: outcome))
                if (index + 1) % 250 == 0 { progress?(index + 1, file.rows.count) }
            }
            progress?(file.rows.count, file.rows.count)
            let report = RosterReport(lines: lines, applied: true)
            try db.audit("roster.import", by: actorId, on: "cohort", id: cohortId,
                         detail: "\(report.enrolledCount) enrolled, \(report.invitedCount) invited, \(report.alreadyMemberCount) already members",
                         at: now)
            return report
        }
    }

    /// Adds one person, by the same rules as a one-row import.
    public func addMember(email: String, name: String, role: String, to cohortId: Int64, by viewer: Viewer,
                          now: Date = Date()) async throws -> RosterReport {
        let line = [email, name, role].map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return try await importRoster(csv: "email,name,role\n" + line.joined(separator: ","), into: cohortId,
                                      by: viewer, now: now)
    }

    private static func plannedOutcome(_ db: Database, row: RosterFile.Row, cohortId: Int64) throws
        -> RosterReport.Outcome
    {
        guard let user = try User.filter(User.Columns.email == row.email).fetchOne(db) else {
            return .notApplied("would be invited")
        }
        let member = try Membership.filter(Membership.Columns.cohortId == cohortId)
            .filter(Membership.Columns.userId == user.id!).fetchCount(db) > 0
        return .notApplied(member ? "already a member" : "would be enrolled")
    }

    private static func apply(_ db: Database, row: RosterFile.Row, cohortId: Int64, by actorId: Int64?,
                              now: Date) throws -> RosterReport.Outcome {
        let role = row.role ?? .participant
        if let user = try User.filter(User.Columns.email == row.email).fetchOne(db) {
            let existing = try Membership.filter(Membership.Columns.cohortId == cohortId)
                .filter(Membership.Columns.userId == user.id!).fetchOne(db)
            try Membership(cohortId: cohortId, userId: user.id!, role: role, createdAt: existing?.createdAt ?? now)
                .upsert(db)
            return existing == nil ? .enrolled : .alreadyMember
        }
        let token = SecureToken.generate()
        try Invitation
            .filter(Invitation.Columns.email == row.email)
            .filter(Invitation.Columns.acceptedAt == nil)
            .deleteAll(db)
        var invitation = Invitation(
            email: row.email, role: role == .facilitator ? .facilitator : .educator, tokenHash: SecureToken.hash(token),
            invitedById: actorId, cohortId: cohortId, cohortRole: role, createdAt: now,
            expiresAt: now.addingTimeInterval(invitationLifetime), acceptedAt: nil, acceptedUserId: nil)
        try invitation.insert(db)
        try db.queueInvitationMail(invitation, token: token, now: now)
        return .invited(token: token)
    }
}

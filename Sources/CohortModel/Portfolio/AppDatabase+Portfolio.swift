import Foundation
import GRDB

extension AppDatabase {
    /// The viewer's portfolio in a cohort as the builder shows it (an empty draft
    /// until first saved).
    public func portfolioView(cohortId: Int64, viewer: Viewer, now: Date = Date()) async throws -> PortfolioView {
        try Self.requireParticipant(viewer, cohortId: cohortId)
        return try await reader.read { db in try Self.portfolioView(db, userId: viewer.id, cohortId: cohortId, now: now) }
    }

    /// Saves the reflection and the criteria as typed: each indicator linked to one of
    /// the educator's artifact versions, with its contextualization.
    public func savePortfolio(cohortId: Int64, reflection: String, entries: [Int64: (versionId: Int64?, context: String)],
                              viewer: Viewer, now: Date = Date()) async throws {
        try Self.requireParticipant(viewer, cohortId: cohortId)
        let texts = [reflection] + entries.values.map(\.context)
        guard texts.allSatisfy({ $0.unicodeScalars.count <= PortfolioRules.maximumContextLength }) else { throw PortfolioError.contextTooLong }
        try await writer.write { db in
            var portfolio = try Self.portfolioRecord(db, userId: viewer.id, cohortId: cohortId, now: now)
            guard portfolio.state == .draft || portfolio.state == .returned else { throw PortfolioError.notEditable }
            let mine = Set(try Int64.fetchAll(db, sql: """
                SELECT artifactVersion.id FROM artifactVersion JOIN artifact ON artifact.id = artifactVersion.artifactId
                WHERE artifact.ownerId = ? AND artifact.cohortId = ?
                """, arguments: [viewer.id, cohortId]))
            let reflection = reflection.trimmingCharacters(in: .whitespacesAndNewlines)
            portfolio.reflectionSource = reflection
            portfolio.reflectionHTML = PostMarkdown.html(from: reflection)
            portfolio.state = .draft
            portfolio.updatedAt = now
            try portfolio.update(db)
            let indicators = Set(try Int64.fetchAll(db, sql: "SELECT id FROM indicator"))
            for (indicatorId, entry) in entries where indicators.contains(indicatorId) {
                if let versionId = entry.versionId, !mine.contains(versionId) { throw PortfolioError.artifactNotYours }
                let context = entry.context.trimmingCharacters(in: .whitespacesAndNewlines)
                try db.execute(sql: """
                    INSERT INTO portfolioEntry (portfolioId, indicatorId, artifactVersionId, contextSource, contextHTML)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (portfolioId, indicatorId) DO UPDATE SET artifactVersionId = excluded.artifactVersionId,
                        contextSource = excluded.contextSource, contextHTML = excluded.contextHTML
                    """, arguments: [portfolio.id, indicatorId, entry.versionId, context, PostMarkdown.html(from: context)])
            }
        }
    }

    /// Submits the portfolio for review, freezing what it links: later revisions of an
    /// artifact do not change a submitted portfolio.
    public func submitPortfolio(cohortId: Int64, viewer: Viewer, now: Date = Date()) async throws -> Submission {
        try Self.requireParticipant(viewer, cohortId: cohortId)
        return try await writer.write { db in
            let view = try Self.portfolioView(db, userId: viewer.id, cohortId: cohortId, now: now)
            guard var portfolio = view.portfolio, view.editable else { throw PortfolioError.notEditable }
            guard view.blockers.isEmpty else { throw PortfolioError.notReady(view.blockers) }
            let attempt = (try Int.fetchOne(db, sql: "SELECT MAX(attempt) FROM submission WHERE portfolioId = ?",
                                            arguments: [portfolio.id]) ?? 0) + 1
            var submission = Submission(portfolioId: portfolio.id!, attempt: attempt, state: .queued, submittedAt: now)
            try submission.insert(db)
            try db.execute(sql: "INSERT INTO submissionItem (submissionId, criterion, html) VALUES (?, 0, ?)",
                           arguments: [submission.id, portfolio.reflectionHTML])
            for criterion in view.criteria where criterion.indicator != nil {
                let html = try String.fetchOne(db, sql: "SELECT contextHTML FROM portfolioEntry WHERE portfolioId = ? AND indicatorId = ?",
                                               arguments: [portfolio.id, criterion.indicator!.id]) ?? ""
                try db.execute(sql: """
                    INSERT INTO submissionItem (submissionId, criterion, indicatorId, artifactVersionId, html) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [submission.id, criterion.number - 1, criterion.indicator!.id, criterion.versionId, html])
            }
            portfolio.state = .submitted
            portfolio.updatedAt = now
            try portfolio.update(db)
            try db.audit("portfolio.submit", by: viewer.id, on: "submission", id: submission.id, detail: "attempt \(attempt)", at: now)
            return submission
        }
    }

    /// Takes back a submission no evaluator has taken yet, so it can be changed: the
    /// portfolio is a draft again, as it was before it was sent.
    public func withdrawSubmission(cohortId: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try Self.requireParticipant(viewer, cohortId: cohortId)
        try await writer.write { db in
            guard var portfolio = try Portfolio.filter(Column("userId") == viewer.id && Column("cohortId") == cohortId).fetchOne(db),
                let pending = try Self.pendingSubmission(db, portfolioId: portfolio.id)
            else { throw PortfolioError.nothingToWithdraw }
            guard pending.withdrawable else { throw PortfolioError.alreadyInReview }
            try pending.submission.delete(db)
            let returned = try Submission.filter(Column("portfolioId") == portfolio.id && Column("state") == "decided").fetchCount(db) > 0
            portfolio.state = returned ? .returned : .draft
            portfolio.updatedAt = now
            try portfolio.update(db)
            try db.audit("portfolio.withdraw", by: viewer.id, on: "portfolio", id: portfolio.id,
                         detail: "attempt \(pending.submission.attempt)", at: now)
        }
    }

    static func pendingSubmission(_ db: Database, portfolioId: Int64?) throws -> PendingSubmission? {
        guard let portfolioId,
            let submission = try Submission.fetchOne(db, sql: """
                SELECT * FROM submission WHERE portfolioId = ? AND state IN ('queued', 'claimed') ORDER BY attempt DESC LIMIT 1
                """, arguments: [portfolioId])
        else { return nil }
        return PendingSubmission(submission: submission, items: try submittedItems(db, submissionId: submission.id!))
    }

    /// An admin gives one person more time, with a reason.
    public func extendDeadline(userId: Int64, cohortId: Int64, to dayText: String, reason: String, viewer: Viewer,
                               now: Date = Date()) async throws {
        guard viewer.mayAdminister else { throw PortfolioError.notAllowed }
        guard let day = CalendarDay(dayText.trimmingCharacters(in: .whitespaces)) else { throw PortfolioError.invalidDate }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.unicodeScalars.count <= PortfolioRules.maximumReasonLength else { throw PortfolioError.reasonRequired }
        try await writer.write { db in
            guard try Membership.filter(Membership.Columns.cohortId == cohortId && Membership.Columns.userId == userId).fetchCount(db) > 0
            else { throw PortfolioError.portfolioNotFound }
            var portfolio = try Self.portfolioRecord(db, userId: userId, cohortId: cohortId, now: now)
            portfolio.deadlineExtendedTo = day.description
            portfolio.extensionReason = reason
            try portfolio.update(db)
            try db.audit("portfolio.extend", by: viewer.id, on: "portfolio", id: portfolio.id, detail: "\(day): \(reason)", at: now)
        }
    }

    /// Portfolios belong to participants; anyone outside the cohort is told it does
    /// not exist, so its existence is not revealed.
    private static func requireParticipant(_ viewer: Viewer, cohortId: Int64) throws {
        guard viewer.abilities(inCohort: cohortId).canKeepPortfolio else {
            try viewer.requireSee(cohortId: cohortId)
            throw PortfolioError.notAllowed
        }
    }

    static func portfolioRecord(_ db: Database, userId: Int64, cohortId: Int64, now: Date) throws -> Portfolio {
        if let existing = try Portfolio.filter(Column("userId") == userId && Column("cohortId") == cohortId).fetchOne(db) {
            return existing
        }
        var portfolio = Portfolio(userId: userId, cohortId: cohortId, state: .draft, reflectionSource: "", reflectionHTML: "",
                                  createdAt: now, updatedAt: now)
        try portfolio.insert(db)
        return portfolio
    }

    /// `progress`: the cohort's training grid, when the caller has read it already.
    static func portfolioView(_ db: Database, userId: Int64, cohortId: Int64, now: Date,
                              progress: TrainingProgress? = nil) throws -> PortfolioView {
        guard let cohort = try Cohort.fetchOne(db, id: cohortId), let program = try Program.fetchOne(db, id: cohort.programId) else {
            throw CohortError.cohortNotFound
        }
        let portfolio = try Portfolio.filter(Column("userId") == userId && Column("cohortId") == cohortId).fetchOne(db)
        var entries: [Int64: Row] = [:]
        if let id = portfolio?.id {
            for row in try Row.fetchAll(db, sql: """
                SELECT portfolioEntry.*, artifact.title, artifactVersion.number, artifactVersion.artifactId FROM portfolioEntry
                LEFT JOIN artifactVersion ON artifactVersion.id = portfolioEntry.artifactVersionId
                LEFT JOIN artifact ON artifact.id = artifactVersion.artifactId WHERE portfolioId = ?
                """, arguments: [id]) {
                entries[row["indicatorId"]] = row
            }
        }
        let reflection = portfolio?.reflectionSource ?? ""
        var criteria = [CriterionState(number: 1, indicator: nil, versionId: nil, artifactTitle: nil, versionNumber: nil,
                                       context: reflection, progress: reflection.isEmpty ? .empty : .contextualized)]
        var artifacts: Set<Int64> = []
        for (index, indicator) in try indicatorChoices(db).enumerated() {
            let row = entries[indicator.id]
            let versionId: Int64? = row?["artifactVersionId"]
            let context: String = row?["contextSource"] ?? ""
            if let artifactId: Int64 = row?["artifactId"] { artifacts.insert(artifactId) }
            criteria.append(CriterionState(
                number: index + 2, indicator: indicator, versionId: versionId, artifactTitle: row?["title"],
                versionNumber: row?["number"], context: context,
                progress: versionId == nil ? .empty : context.isEmpty ? .linked : .contextualized))
        }
        let coverage = Dictionary(grouping: criteria.compactMap { c in c.indicator.map { ($0.standardName, c.progress) } }, by: \.0)
        let standards = try String.fetchAll(db, sql: "SELECT name FROM standard WHERE programId = ? ORDER BY position", arguments: [program.id])
        let opensOn = CalendarDay(cohort.trainingEndsOn)!
        let deadline = portfolio?.deadlineExtendedTo.flatMap(CalendarDay.init) ?? CalendarDay(cohort.portfolioDeadlineOn)!
        let today = CalendarDay(now)
        let state = portfolio?.state ?? .draft
        let progress = try progress ?? trainingProgress(db, cohortId: cohortId)
        let eligible = progress.rows.first { $0.member.userId == userId }.map(progress.portfolioPhaseOpen) ?? false

        var blockers: [String] = []
        if !eligible { blockers.append("the training phase is not complete (full attendance and course work)") }
        if today < opensOn { blockers.append("submissions open on \(opensOn.spelledOut), when the training ends") }
        if today > deadline { blockers.append("the deadline (\(deadline)) has passed") }
        if reflection.isEmpty { blockers.append("criterion 1, the reflection, is empty") }
        let missing = criteria.filter { $0.indicator != nil && $0.progress != .contextualized }.map { $0.indicator!.code }
        if !missing.isEmpty { blockers.append("\(Wording.count(missing.count, "indicator")) \(missing.count == 1 ? "needs" : "need") an artifact and a few words on how it shows the indicator (\(missing.prefix(6).joined(separator: ", "))\(missing.count > 6 ? ", …" : ""))") }
        let contexts = criteria.filter { $0.indicator != nil && !$0.context.isEmpty }.map { $0.context.lowercased() }
        if Set(contexts).count < contexts.count { blockers.append("two criteria have the same explanation; write each one for its own indicator") }
        if artifacts.count < PortfolioRules.minimumArtifacts || artifacts.count > PortfolioRules.maximumArtifacts {
            blockers.append("the portfolio uses \(Wording.count(artifacts.count, "artifact")); it needs \(PortfolioRules.minimumArtifacts) to \(PortfolioRules.maximumArtifacts)")
        }

        let linkable = try Row.fetchAll(db, sql: """
            SELECT artifactVersion.id, artifact.id, artifact.title, artifactVersion.number, artifact.latestVersion FROM artifactVersion
            JOIN artifact ON artifact.id = artifactVersion.artifactId WHERE artifact.ownerId = ? AND artifact.cohortId = ?
            ORDER BY artifact.title, artifactVersion.number DESC
            """, arguments: [userId, cohortId]).map { row in
            LinkableVersion(versionId: row[0], artifactId: row[1],
                            label: "\(row[2] as String), version \(row[3] as Int)\((row[3] as Int) == (row[4] as Int) ? " (latest)" : "")")
        }
        let certificate = try String.fetchOne(db, sql: """
            SELECT certificate.code FROM certificate JOIN submission ON submission.id = certificate.submissionId
            WHERE submission.portfolioId = ? AND certificate.revokedAt IS NULL
            """, arguments: [portfolio?.id ?? -1])
        return PortfolioView(
            portfolio: portfolio, cohort: cohort, state: state, reflection: reflection, criteria: criteria,
            distinctArtifacts: artifacts.count,
            coverage: standards.map { name in
                let items = coverage[name] ?? []
                return StandardCoverage(standard: name, indicators: items.count, complete: items.filter { $0.1 == .contextualized }.count)
            },
            opensOn: opensOn, deadline: deadline, daysLeft: today.days(until: deadline),
            blockers: state == .draft || state == .returned ? blockers : [],
            linkable: linkable, decided: try decidedReviews(db, portfolioId: portfolio?.id), certificateCode: certificate,
            pending: try pendingSubmission(db, portfolioId: portfolio?.id))
    }
}

import Foundation
import GRDB

extension AppDatabase {
    /// A cohort that finished its training last month: portfolios waiting in the
    /// review queue, one already passed with a certificate, one still a draft.
    func loadDemoPortfolios(passwordHash: String, now: Date) async throws {
        let admin = try await viewer(userId: try await user(email: DemoData.admin.email)!.id!)
        let evaluator = try await viewer(userId: try await user(email: DemoData.evaluator.email)!.id!)
        let program = try await builtInProgram()
        // Session 5 met seven weeks ago: the training ended four weeks ago.
        let start = CalendarDay(now).adding(days: -(21 + 56 + 49))
        let cohort = try await createCohort(name: "Autumn Cohort \(start.year)", programId: program.id!, startsOn: start,
                                            meetingHour: 16, timeZone: TimeZone(identifier: "America/New_York")!, by: admin.id, now: now)
        let people = DemoData.autumnEducators.map { ($0.email.split(separator: "@")[0], $0.name, $0.name != "Quentin Blake") }
        var viewers: [Viewer] = []
        for (handle, name, _) in people {
            let user = try await addUser(email: "\(handle)@example.org", name: name, role: .educator, passwordHash: passwordHash, now: now)
            try await enrol(userId: user.id!, in: cohort.id!, as: .participant, by: admin.id, now: now)
            viewers.append(try await viewer(userId: user.id!))
        }
        let grid = try await trainingProgress(cohortId: cohort.id!, by: admin)
        var marks = ProgressMarks(attended: [], courseworkComplete: Set(viewers.map(\.id)))
        for viewer in viewers {
            for session in grid.sessions { marks.attended.insert(.init(userId: viewer.id, sessionId: session.session.id!)) }
        }
        try await recordProgress(cohortId: cohort.id!, marks: marks, by: admin, now: now)

        let indicators = try await indicatorChoices()
        let titles = ["Goal-setting journal", "Global PLC collaboration", "Research digest for staff", "Shared vision workshop",
                      "Hotspot lending proposal", "Tool review for colleagues", "Kind comments charter", "Source-checking lesson",
                      "Image licence mini-unit", "Privacy check-up", "Co-planned science unit"]
        for (viewer, person) in zip(viewers, people) {
            var versions: [Int64] = []
            for (index, title) in titles.enumerated() {
                let artifact = try await createArtifact(
                    cohortId: cohort.id!, title: title, description: "Evidence from my classroom.",
                    indicatorIds: [indicators[(index * 2) % 24].id, indicators[(index * 2 + 1) % 24].id], file: nil,
                    link: "https://example.org/\(person.0)/\(index)", viewer: viewer, now: now)
                versions.append(try await artifactView(id: artifact.id!, viewer: viewer).shown.version.id!)
            }
            var entries: [Int64: (versionId: Int64?, context: String)] = [:]
            // The one still drafting has done the first ten criteria.
            for (index, indicator) in indicators.enumerated() where person.2 || index < 10 {
                entries[indicator.id] = (versions[index / 2 % versions.count],
                                         "This artifact shows \(indicator.code) (\(indicator.title.lowercased())) through what my learners did.")
            }
            try await savePortfolio(cohortId: cohort.id!, reflection: "I teach middle-school science and lead our digital learning team.",
                                    entries: entries, viewer: viewer, now: now)
            if person.2 { _ = try await submitPortfolio(cohortId: cohort.id!, viewer: viewer, now: now) }
        }
        // The evaluator has already passed the first one.
        let claimed = try await claimNext(viewer: evaluator, now: now)
        var review: [Int: (met: Bool?, comment: String)] = [:]
        for criterion in 1...PortfolioRules.criteria {
            review[criterion] = criterion <= 23 ? (true, "") : (false, "Show the effect on learners more directly.")
        }
        _ = try await saveReview(submissionId: claimed.id!, marks: review, overall: "A thoughtful, well-evidenced portfolio.",
                                 submit: true, viewer: evaluator, now: now)
    }
}

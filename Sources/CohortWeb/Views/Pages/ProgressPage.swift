import CohortModel
import CohortURLs

struct ProgressPage: PageView {
    static let template = "progress"

    struct Column {
        let title: String
    }

    struct Cell {
        let id: String
        let value: String
        let checked: Bool
        let label: String
    }

    struct Row {
        let name: String
        let cells: [Cell]
        let courseworkId: String
        let courseworkValue: String
        let courseworkChecked: Bool
        let courseworkLabel: String
        let open: Bool
    }

    var title: String
    var cohortName: String
    var cohortHref: String
    var csrfToken: String
    var action: String
    var csvHref: String
    var columns: [Column]
    var rows: [Row]
    /// "1 of 2 participants are there"
    var openSummary: String

    init(_ grid: TrainingProgress, cohortId: Int64, cohortName: String, csrfToken: String) {
        title = "Training progress"
        self.cohortName = cohortName
        cohortHref = SiteURL.cohort.path(cohortId)
        self.csrfToken = csrfToken
        action = SiteURL.progress.path(cohortId)
        csvHref = SiteURL.progressCSV.path(cohortId)
        columns = grid.sessions.map { Column(title: $0.session.title) }
        rows = grid.rows.map { row in
            let userId = row.member.userId
            return Row(
                name: row.member.name,
                cells: grid.sessions.map { scheduled in
                    let sessionId = scheduled.session.id!
                    return Cell(id: "attended-\(userId)-\(sessionId)", value: "\(userId):\(sessionId)",
                                checked: row.attendedSessionIds.contains(sessionId),
                                label: "\(row.member.name) attended \(scheduled.session.title)")
                },
                courseworkId: "coursework-\(userId)", courseworkValue: "\(userId)",
                courseworkChecked: row.courseworkComplete, courseworkLabel: "\(row.member.name) completed the course work",
                open: grid.portfolioPhaseOpen(row))
        }
        let open = rows.filter(\.open).count
        openSummary = "\(open) of \(Wording.count(rows.count, "participant")) \(open == 1 ? "is" : "are") there"
    }
}

import CSV
import CohortModel
import Foundation

/// The progress grid as a spreadsheet: one row per participant.
struct ProgressCSV {
    let grid: TrainingProgress
    let cohortName: String

    var text: String {
        let stream = OutputStream(toMemory: ())
        guard let writer = try? CSVWriter(stream: stream) else { return "" }
        let header = ["Name", "Email"] + grid.sessions.map(\.session.title) + ["Course work complete", "Portfolio phase open"]
        try? writer.write(row: header)
        for row in grid.rows {
            let attendance = grid.sessions.map { row.attendedSessionIds.contains($0.session.id!) ? "attended" : "absent" }
            try? writer.write(row: [Self.cell(row.member.name), Self.cell(row.member.email)] + attendance
                + [row.courseworkComplete ? "yes" : "no", grid.portfolioPhaseOpen(row) ? "yes" : "no"])
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A leading = + - @ would make a spreadsheet run the cell as a formula.
    static func cell(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}

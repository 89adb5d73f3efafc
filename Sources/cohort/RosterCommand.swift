import ArgumentParser
import CohortModel
import CohortURLs
import Foundation

struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Manage cohort rosters.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a roster CSV (email,name,role) into a cohort: all rows or none.")

        @OptionGroup var data: DataDirectoryOption
        @Option(help: "The cohort's number, as in its address /cohorts/N.") var cohort: Int64
        @Option(name: .customLong("base-url"), help: "The site's address, to print full invitation links.")
        var baseURL = "https://127.0.0.1:8443"
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            guard let csv = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read \(file) as UTF-8 text")
            }
            let database = try data.openDatabase()
            defer { try? database.close() }
            let report: RosterReport
            do {
                report = try await database.importRosterFromCommandLine(csv: csv, into: cohort) { done, total in
                    FileHandle.standardError.write(Data("  \(done) of \(total) rows\n".utf8))
                }
            } catch let error as UserFacingError {
                throw ValidationError(error.message)
            }
            for line in report.lines {
                say("row \(line.row)\t\(line.email)\t\(describe(line.outcome))")
            }
            guard report.applied else {
                throw ValidationError("nothing imported: \(report.rejectedCount) rows rejected (listed above)")
            }
            say("Imported: \(report.enrolledCount) enrolled, \(report.invitedCount) invited, \(report.alreadyMemberCount) already members.")
        }

        private func describe(_ outcome: RosterReport.Outcome) -> String {
            switch outcome {
            case .enrolled: "enrolled"
            case .alreadyMember: "already a member (role set)"
            case .invited(let token): "invited: \(baseURL)\(SiteURL.invitation.path(token))"
            case .rejected(let reason): "REJECTED: \(reason)"
            case .notApplied(let what): "not imported (\(what))"
            }
        }
    }
}

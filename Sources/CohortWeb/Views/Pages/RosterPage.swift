import CohortModel
import CohortURLs

struct RosterPage: PageView {
    static let template = "roster"

    struct Member {
        let name: String
        let email: String
        let roleTitle: String
        /// The admin's page for the person, where they can be removed from the cohort.
        var href: String?
    }

    var title: String
    var cohortName: String
    var cohortHref: String
    var csrfToken: String
    var addAction: String
    var importAction: String
    var members: [Member]
    var memberCount: Int
    var invited: [Member]
    var invitedCount: Int
    var error: String?

    init(_ overview: CohortOverview, invitations: [Invitation], csrfToken: String, error: String? = nil) {
        let cohortId = overview.cohort.id!
        title = "Roster of \(overview.cohort.name)"
        cohortName = overview.cohort.name
        cohortHref = SiteURL.cohort.path(cohortId)
        self.csrfToken = csrfToken
        addAction = SiteURL.members.path(cohortId)
        // Multipart bodies are not read before the handler, so the token rides in the URL.
        importAction = SiteURL.rosterImport.path(cohortId)
        members = overview.members.map {
            Member(name: $0.name, email: $0.email, roleTitle: $0.role.title, href: SiteURL.adminPerson.path($0.userId))
        }
        memberCount = members.count
        invited = invitations.map {
            Member(name: "", email: $0.email, roleTitle: ($0.cohortRole ?? .participant).title)
        }
        invitedCount = invited.count
        self.error = error
    }
}

struct RosterReportPage: PageView {
    static let template = "roster-report"

    struct Line {
        let row: Int
        let email: String
        let name: String
        let roleTitle: String
        let result: String
        let link: String?
        let rejected: Bool
    }

    var title: String
    var cohortHref: String
    var rosterHref: String
    var applied: Bool
    var summary: String
    var lines: [Line]

    init(_ report: RosterReport, cohortId: Int64, cohortName: String, invitationLink: (String) -> String) {
        title = "Roster import for \(cohortName)"
        cohortHref = SiteURL.cohort.path(cohortId)
        rosterHref = SiteURL.roster.path(cohortId)
        applied = report.applied
        summary = report.applied
            ? "Done: \(report.enrolledCount) enrolled, \(report.invitedCount) invited, \(report.alreadyMemberCount) already \(report.alreadyMemberCount == 1 ? "a member" : "members"). Each invited person has their link by mail; it is also below to pass on yourself, and works for 14 days."
            : "Nothing was imported: \(report.rejectedCount) of \(report.lines.count) rows need fixing. Correct them in your file and import it again."
        lines = report.lines.map { line in
            let (result, link, rejected): (String, String?, Bool) = switch line.outcome {
            case .enrolled: ("Enrolled", nil, false)
            case .alreadyMember: ("Already a member; role set", nil, false)
            case .invited(let token): ("Invited", invitationLink(token), false)
            case .rejected(let reason): ("Rejected: \(reason)", nil, true)
            case .notApplied(let what): ("Not imported (\(what))", nil, false)
            }
            return Line(row: line.row, email: line.email, name: line.name, roleTitle: line.role?.title ?? "",
                        result: result, link: link, rejected: rejected)
        }
    }
}

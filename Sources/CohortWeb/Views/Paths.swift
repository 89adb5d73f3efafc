/// Every URL of the site, built in one place.
enum Paths {
    static let dashboard = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let setup = "/setup"
    static let account = "/account"
    static let accountName = "/account/name"
    static let accountPassword = "/account/password"
    static let admin = "/admin"
    static let adminPeople = "/admin/people"
    static let adminInvitations = "/admin/invitations"
    static let assets = "/assets"

    static let adminNewCohort = "/admin/cohorts/new"
    static let adminCohorts = "/admin/cohorts"
    static let accountTimeZone = "/account/time-zone"

    static func cohort(_ id: Int64) -> String { "/cohorts/\(id)" }
    static func schedule(_ id: Int64) -> String { "/cohorts/\(id)/schedule" }
    static func scheduleSession(_ id: Int64, position: Int) -> String { "/cohorts/\(id)/schedule/sessions/\(position)" }
    static func trainingEnd(_ id: Int64) -> String { "/cohorts/\(id)/schedule/training-end" }
    static func roster(_ id: Int64) -> String { "/cohorts/\(id)/roster" }
    static func members(_ id: Int64) -> String { "/cohorts/\(id)/members" }
    static func rosterImport(_ id: Int64) -> String { "/cohorts/\(id)/roster/import" }
    static func progress(_ id: Int64) -> String { "/cohorts/\(id)/progress" }
    static func progressCSV(_ id: Int64) -> String { "/cohorts/\(id)/progress.csv" }
    static func meetingCalendar(_ id: Int64, position: Int) -> String {
        "/cohorts/\(id)/sessions/\(position)/meeting.ics"
    }

    static func invitation(token: String) -> String { "/invitations/\(token)" }
    static func revokeInvitation(id: Int64) -> String { "/admin/invitations/\(id)/revoke" }
    static func setup(token: String) -> String { "/setup?token=\(token)" }

    /// A `next` target is followed only when it is a path on this site.
    static func isLocal(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\")
            && !path.unicodeScalars.contains { $0.value < 0x20 }
    }
}

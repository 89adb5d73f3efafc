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

    static let notifications = "/notifications"
    static let search = "/search"
    static let moderation = "/moderation"
    static let feedToken = "/account/feed-token"

    static func boards(_ cohortId: Int64) -> String { "/cohorts/\(cohortId)/boards" }
    static func board(_ id: Int64) -> String { "/boards/\(id)" }
    static func newThread(_ boardId: Int64) -> String { "/boards/\(boardId)/threads/new" }
    static func feed(_ boardId: Int64, token: String) -> String { "/boards/\(boardId)/feed.atom?token=\(token)" }
    static func thread(_ id: Int64) -> String { "/threads/\(id)" }
    static func post(_ id: Int64, in topicId: Int64) -> String { "/threads/\(topicId)#post-\(id)" }
    static func postAction(_ id: Int64, _ action: String) -> String { "/posts/\(id)/\(action)" }
    static func threadAction(_ id: Int64, _ action: String) -> String { "/threads/\(id)/\(action)" }
    static func boardAction(_ id: Int64, _ action: String) -> String { "/boards/\(id)/\(action)" }

    static func invitation(token: String) -> String { "/invitations/\(token)" }
    static let passwordReset = "/password-reset"
    static func passwordReset(token: String) -> String { "/password-reset/\(token)" }
    static let unsubscribePrefix = "/mail/unsubscribe/"
    static func unsubscribe(token: String, topics: String) -> String { "/mail/unsubscribe/\(token)/\(topics)" }
    static let accountMail = "/account/mail"
    static let accountEmail = "/account/email"
    static func confirmEmail(token: String) -> String { "/account/email/\(token)" }
    static let adminMail = "/admin/mail"
    static func adminMailMessage(_ id: Int64) -> String { "/admin/mail/\(id)" }
    static func adminMailRetry(_ id: Int64) -> String { "/admin/mail/\(id)/retry" }
    static func adminPerson(_ id: Int64) -> String { "/admin/people/\(id)" }
    static func adminPersonAction(_ id: Int64, _ action: String) -> String { "/admin/people/\(id)/\(action)" }
    static func adminRemoveMembership(_ id: Int64, cohortId: Int64) -> String { "/admin/people/\(id)/cohorts/\(cohortId)/remove" }
    static func revokeInvitation(id: Int64) -> String { "/admin/invitations/\(id)/revoke" }
    static func setup(token: String) -> String { "/setup?token=\(token)" }

    /// A `next` target is followed only when it is a path on this site.
    static func isLocal(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\")
            && !path.unicodeScalars.contains { $0.value < 0x20 }
    }
}

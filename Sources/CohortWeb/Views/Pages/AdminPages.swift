import CohortModel
import CohortURLs
import Foundation

struct AdminIndexPage: PageView {
    static let template = "admin/index"
    let title = "Admin"
    /// "12 accounts, 1 invitation waiting."
    var peopleSummary: String
    var cohortSummary: String
    var csrfToken: String
    var programBoards: [BoardLink]

    init(peopleCount: Int, pendingInvitationCount: Int, cohortCount: Int, csrfToken: String, programBoards: [BoardLink]) {
        peopleSummary = "\(Wording.count(peopleCount, "account")), \(Wording.count(pendingInvitationCount, "invitation")) waiting."
        cohortSummary = Wording.count(cohortCount, "cohort") + "."
        self.csrfToken = csrfToken
        self.programBoards = programBoards
    }

    struct BoardLink {
        let title: String
        let href: String
        let archived: Bool
    }
}

struct AdminPeoplePage: PageView {
    static let template = "admin/people"
    let title = "People"

    struct Person {
        let name: String
        let href: String
        let email: String
        let roleTitle: String
        let joined: String
        let closed: Bool
    }

    struct PendingInvitation {
        let email: String
        let roleTitle: String
        let expires: String
        let revokeAction: String
    }

    struct RoleOption {
        let value: String
        let label: String
        let selected: Bool
    }

    var csrfToken: String
    var people: [Person]
    var invitations: [PendingInvitation]
    var roles: [RoleOption]
    var inviteEmail = ""
    var inviteError: String?

    init(csrfToken: String, users: [User], invitations: [Invitation], selectedRole: Role = .educator) {
        self.csrfToken = csrfToken
        people = users.map {
            Person(name: $0.name, href: SiteURL.adminPerson.path($0.id!), email: $0.email, roleTitle: $0.role.title,
                   joined: Self.day($0.createdAt), closed: !$0.isActive)
        }
        self.invitations = invitations.map {
            PendingInvitation(email: $0.email, roleTitle: $0.role.title, expires: Self.day($0.expiresAt),
                              revokeAction: SiteURL.invitationRevoke.path($0.id!))
        }
        roles = Role.allCases.map { RoleOption(value: $0.rawValue, label: $0.title, selected: $0 == selectedRole) }
    }

    private static func day(_ date: Date) -> String { CalendarDay(date).spelledOut }
}

/// One person, with what an admin may change about them.
struct AdminPersonPage: PageView {
    static let template = "admin/person"
    var title: String { name }

    struct Membership {
        let name: String
        let href: String
        let roleTitle: String
        let removeAction: String
    }

    let csrfToken: String
    let name: String
    let email: String
    let roleTitle: String
    let status: String
    let joined: String
    let active: Bool
    let roles: [AdminPeoplePage.RoleOption]
    let cohorts: [Membership]
    let roleAction: String
    let resetAction: String
    let deactivateAction: String
    let reactivateAction: String

    init(csrfToken: String, user: User, cohorts: [(Cohort, CohortRole)]) {
        let id = user.id!
        self.csrfToken = csrfToken
        name = user.name
        email = user.email
        roleTitle = user.role.title
        active = user.isActive
        status = user.deactivatedAt.map { "Closed on \(CalendarDay($0))" } ?? "Open"
        joined = CalendarDay(user.createdAt).spelledOut
        roles = Role.allCases.map { .init(value: $0.rawValue, label: $0.title, selected: $0 == user.role) }
        self.cohorts = cohorts.map { cohort, role in
            Membership(name: cohort.name, href: SiteURL.cohort.path(cohort.id!), roleTitle: role.title,
                       removeAction: SiteURL.membershipRemoval.path(id, cohort.id!))
        }
        roleAction = SiteURL.adminPersonRole.path(id)
        resetAction = SiteURL.adminPersonPasswordReset.path(id)
        deactivateAction = SiteURL.adminPersonDeactivate.path(id)
        reactivateAction = SiteURL.adminPersonReactivate.path(id)
    }
}

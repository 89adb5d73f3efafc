import CohortModel
import Foundation

struct AdminIndexPage: PageView {
    static let template = "admin/index"
    let title = "Admin"
    var peopleCount: Int
    var pendingInvitationCount: Int
    var cohortCount: Int
    var csrfToken: String
    var programBoards: [BoardLink]

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
        let email: String
        let roleTitle: String
        let joined: String
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
            Person(name: $0.name, email: $0.email, roleTitle: $0.role.title, joined: Self.day($0.createdAt))
        }
        self.invitations = invitations.map {
            PendingInvitation(email: $0.email, roleTitle: $0.role.title, expires: Self.day($0.expiresAt),
                              revokeAction: Paths.revokeInvitation(id: $0.id!))
        }
        roles = Role.allCases.map { RoleOption(value: $0.rawValue, label: $0.title, selected: $0 == selectedRole) }
    }

    private static func day(_ date: Date) -> String { CalendarDay(date).description }
}

/// Who is asking: the signed-in person with their cohorts. Every query for members'
/// content takes one, so no page can forget whose eyes it is for.
public struct Viewer: Sendable {
    public let user: User
    public let cohortRoles: [Int64: CohortRole]

    public init(user: User, cohortRoles: [Int64: CohortRole]) {
        self.user = user
        self.cohortRoles = cohortRoles
    }

    public var id: Int64 { user.id! }
    public var role: Role { user.role }
    public var isAdmin: Bool { user.role == .admin }
}

import CohortModel

struct DashboardPage: PageView {
    static let template = "dashboard"
    let title = "Dashboard"

    struct CohortItem {
        let name: String
        let programName: String
        let roleTitle: String?
        let memberCount: Int
        let startsOn: String
        let portfolioDeadlineOn: String
    }

    var firstName: String
    var roleTitle: String
    var cohorts: [CohortItem]
    var isAdmin: Bool

    init(viewer: Viewer, cohorts: [CohortSummary]) {
        firstName = viewer.user.name.split(separator: " ").first.map(String.init) ?? viewer.user.name
        roleTitle = viewer.role.title
        isAdmin = viewer.isAdmin
        self.cohorts = cohorts.map {
            CohortItem(name: $0.cohort.name, programName: $0.programName, roleTitle: $0.viewerRole?.title,
                       memberCount: $0.memberCount, startsOn: $0.cohort.startsOn,
                       portfolioDeadlineOn: $0.cohort.portfolioDeadlineOn)
        }
    }
}

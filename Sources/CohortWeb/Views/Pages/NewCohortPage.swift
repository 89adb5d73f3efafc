struct NewCohortPage: PageView {
    static let template = "admin/new-cohort"
    let title = "New cohort"
    var csrfToken: String
    var name = ""
    var startsOn = ""
    var time = "17:00"
    var timeZone = "America/New_York"
    var error: String?
    var zones: [String]
}

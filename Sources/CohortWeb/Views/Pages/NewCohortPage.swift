struct NewCohortPage: PageView {
    static let template = "admin/new-cohort"
    let title = "New cohort"
    var csrfToken: String
    var name = ""
    var startsOn = ""
    var time = "17:00"
    static let defaultZone = "America/New_York"
    var timeZone = defaultZone
    var error: String?
    var zones: [ZoneGroup]
}

/// A list of cohorts to pick one from.
struct CohortChoicePage: PageView {
    static let template = "cohort-choice"

    struct Choice {
        let name: String
        let href: String
        let detail: String
    }

    let title: String
    let lead: String
    let cohorts: [Choice]
}

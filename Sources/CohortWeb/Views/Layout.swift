import CohortModel
import CohortURLs

/// The view model of `layout.mustache`, wrapped around every page's body.
struct Layout {
    struct NavItem {
        let label: String
        let href: String
        let current: Bool
    }

    struct FlashView {
        let kind: String
        /// Errors interrupt a screen reader; notices wait their turn.
        let role: String
        let text: String
        let link: String?
    }

    struct Person {
        let name: String
        let roleTitle: String
    }

    let title: String
    /// The page, already rendered and escaped by its own template.
    let body: String
    let person: Person?
    let nav: [NavItem]
    let csrfToken: String
    let flash: FlashView?
    let narrow: Bool
    let links = SiteLinks.reflected

    /// Nil when there is nothing unread (a section on 0 would still render).
    let unreadNotices: Int?

    init(title: String, body: String, viewer: Viewer?, unreadNotices: Int, csrfToken: String, flash: Flash?,
         path: String, narrow: Bool) {
        self.unreadNotices = unreadNotices > 0 ? unreadNotices : nil
        self.title = title
        self.body = body
        self.person = viewer.map { Person(name: $0.user.name, roleTitle: $0.role.title) }
        self.nav = viewer.map { Self.navigation(for: $0, path: path) } ?? []
        self.csrfToken = csrfToken
        self.flash = flash.map {
            FlashView(kind: $0.kind.rawValue, role: $0.kind == .alert ? "alert" : "status", text: $0.text, link: $0.link)
        }
        self.narrow = narrow
    }

    /// Role-aware navigation: each person sees the areas they can use. Where there is
    /// a cohort to choose (two cohorts' boards or portfolios), the link asks which.
    static func navigation(for viewer: Viewer, path: String) -> [NavItem] {
        let onBoards = [SiteURL.boards.url, SiteURL.cohortBoards.url].contains { $0.matches(path) }
            || [SiteURL.board.url, SiteURL.thread.url].contains { $0.matches(path, orBelow: true) }
        let onPortfolio = SiteURL.portfolios.url.matches(path) || SiteURL.portfolio.url.matches(path, orBelow: true)
        var items: [NavItem] = [NavItem(label: "Dashboard", href: SiteURL.dashboard.path, current: path == "/")]
        func add(_ label: String, _ href: String, current: Bool? = nil) {
            items.append(NavItem(label: label, href: href, current: current ?? path.hasPrefix(href)))
        }
        if viewer.readsBoards {
            add("Boards", viewer.onlyBoardsCohortId.map { SiteURL.cohortBoards.path($0) } ?? SiteURL.boards.path, current: onBoards)
        }
        if viewer.hasArtifacts { add("Artifacts", SiteURL.myArtifacts.path) }
        let portfolios = viewer.portfolioCohortIds
        if !portfolios.isEmpty {
            add("Portfolio", portfolios.count == 1 ? SiteURL.portfolio.path(portfolios[0]) : SiteURL.portfolios.path, current: onPortfolio)
        }
        if viewer.mayReview { add("Reviews", SiteURL.reviews.path) }
        if viewer.readsBoards { add("Search", SiteURL.search.path) }
        if viewer.mayModerate { add("Moderation", SiteURL.moderation.path) }
        if viewer.mayAdminister { add("Admin", SiteURL.admin.path) }
        add("Account", SiteURL.account.path)
        return items
    }
}

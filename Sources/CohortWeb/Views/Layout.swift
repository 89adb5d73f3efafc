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

    /// Role-aware navigation: each person sees the areas they can use.
    static func navigation(for viewer: Viewer, path: String) -> [NavItem] {
        var items: [(String, String)] = [("Dashboard", SiteURL.dashboard.path)]
        if viewer.hasArtifacts { items.append(("Artifacts", SiteURL.myArtifacts.path)) }
        if let cohortId = viewer.portfolioCohortId { items.append(("Portfolio", SiteURL.portfolio.path(cohortId))) }
        if viewer.mayReview { items.append(("Reviews", SiteURL.reviews.path)) }
        if viewer.readsBoards { items.append(("Search", SiteURL.search.path)) }
        if viewer.mayModerate { items.append(("Moderation", SiteURL.moderation.path)) }
        if viewer.mayAdminister { items.append(("Admin", SiteURL.admin.path)) }
        items.append(("Account", SiteURL.account.path))
        return items.map { label, href in
            let current = href == "/" ? path == "/" : path.hasPrefix(href)
            return NavItem(label: label, href: href, current: current)
        }
    }
}

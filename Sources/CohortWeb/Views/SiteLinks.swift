import CohortURLs
import Mustache

/// The site's fixed links, for templates (`{{links.login}}`): every page and the layout
/// can reach them, so no template writes a path itself.
struct SiteLinks: Sendable {
    let dashboard = SiteURL.dashboard.path
    let login = SiteURL.login.path
    let logout = SiteURL.logout.path
    let passwordReset = SiteURL.passwordReset.path
    let notifications = SiteURL.notifications.path
    let notificationsRead = SiteURL.notificationsRead.path
    let search = SiteURL.search.path
    let drafts = SiteURL.drafts.path
    let preview = SiteURL.preview.path
    let account = SiteURL.account.path
    let accountName = SiteURL.accountName.path
    let accountPassword = SiteURL.accountPassword.path
    let accountTimeZone = SiteURL.accountTimeZone.path
    let accountFeedToken = SiteURL.accountFeedToken.path
    let accountMail = SiteURL.accountMail.path
    let accountEmail = SiteURL.accountEmail.path
    let reviews = SiteURL.reviews.path
    let reviewClaim = SiteURL.reviewClaim.path
    let admin = SiteURL.admin.path
    let adminPeople = SiteURL.adminPeople.path
    let adminInvitations = SiteURL.adminInvitations.path
    let adminBoards = SiteURL.adminBoards.path
    let adminCohorts = SiteURL.adminCohorts.path
    let adminNewCohort = SiteURL.adminNewCohort.path
    let adminMail = SiteURL.adminMail.path
    let adminReviews = SiteURL.adminReviews.path
    let adminReviewsReport = SiteURL.adminReviewsReport.path
    let adminExtensions = SiteURL.adminExtensions.path
    let certificateRevoke = SiteURL.certificateRevoke.path
    let certificateCheck = SiteURL.certificateCheck.path
    let styleSheet = SiteURL.assets.path + "/style.css"
    let script = SiteURL.assets.path + "/app.js"
    let icon = SiteURL.assets.path + "/icon.svg"

    /// Reflected once for the template engine.
    nonisolated(unsafe) static let reflected: Any = ReflectedView.wrap(SiteLinks())
}

/// A page's fields, with the site's links beside them.
struct PageScope: MustacheParent {
    let page: Any

    func child(named key: String) -> Any? {
        if key == "links" { return SiteLinks.reflected }
        return (page as? MustacheParent)?.child(named: key)
    }
}

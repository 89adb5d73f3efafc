/// Every URL of the site, defined once. The web layer registers each route from these
/// and builds every link from them; the model layer builds the links it writes into
/// notices and mail from them. No path is typed anywhere else.
public enum SiteURL {
    // Signing in, joining, recovering an account
    public static let dashboard = SitePath("")
    public static let login = SitePath("login")
    public static let logout = SitePath("logout")
    public static let drafts = SitePath("drafts")
    public static let preview = SitePath("preview")
    public static let resume = SitePath("resume")
    public static let setup = SitePath("setup")
    public static let invitation = SitePath1<String>("invitations/:token")
    public static let passwordReset = SitePath("password-reset")
    public static let passwordResetToken = SitePath1<String>("password-reset/:token")
    public static let unsubscribe = SitePath2<String, String>("mail/unsubscribe/:token/:topics")
    public static let certificateCheck = SitePath("certificates")
    public static let certificate = SitePath1<String>("certificates/:code")
    public static let assets = SitePath("assets")

    // One's account
    public static let account = SitePath("account")
    public static let accountName = SitePath("account/name")
    public static let accountPassword = SitePath("account/password")
    public static let accountTimeZone = SitePath("account/time-zone")
    public static let accountFeedToken = SitePath("account/feed-token")
    public static let accountMail = SitePath("account/mail")
    public static let accountEmail = SitePath("account/email")
    public static let emailConfirmation = SitePath1<String>("account/email/:token")

    // Community
    public static let notifications = SitePath("notifications")
    public static let notificationsRead = SitePath("notifications/read")
    public static let search = SitePath("search")
    public static let moderation = SitePath("moderation")
    public static let flagDismiss = SitePath1<Int64>("flags/:flag/dismiss")

    // A cohort
    public static let cohort = SitePath1<Int64>("cohorts/:cohort")
    public static let meetingCalendar = SitePath2<Int64, Int>("cohorts/:cohort/sessions/:position/meeting.ics")
    public static let schedule = SitePath1<Int64>("cohorts/:cohort/schedule")
    public static let scheduleSession = SitePath2<Int64, Int>("cohorts/:cohort/schedule/sessions/:position")
    public static let trainingEnd = SitePath1<Int64>("cohorts/:cohort/schedule/training-end")
    public static let roster = SitePath1<Int64>("cohorts/:cohort/roster")
    public static let rosterImport = SitePath1<Int64>("cohorts/:cohort/roster/import")
    public static let members = SitePath1<Int64>("cohorts/:cohort/members")
    public static let progress = SitePath1<Int64>("cohorts/:cohort/progress")
    public static let progressCSV = SitePath1<Int64>("cohorts/:cohort/progress.csv")

    // Boards, threads, posts
    public static let cohortBoards = SitePath1<Int64>("cohorts/:cohort/boards")
    /// Which cohort's boards, for someone in several.
    public static let boards = SitePath("boards")
    public static let board = SitePath1<Int64>("boards/:board")
    public static let boardRename = SitePath1<Int64>("boards/:board/rename")
    public static let boardArchive = SitePath1<Int64>("boards/:board/archive")
    public static let boardWatch = SitePath1<Int64>("boards/:board/watch")
    public static let newThread = SitePath1<Int64>("boards/:board/threads/new")
    public static let boardThreads = SitePath1<Int64>("boards/:board/threads")
    public static let boardFeed = SitePath1<Int64>("boards/:board/feed.atom")
    /// Who can be mentioned there (`?q=` what was typed after @), as JSON for completion.
    public static let boardPeople = SitePath1<Int64>("boards/:board/people")
    public static let thread = SitePath1<Int64>("threads/:thread")
    public static let threadReply = SitePath1<Int64>("threads/:thread/posts")
    public static let threadAccept = SitePath1<Int64>("threads/:thread/accept")
    public static let threadPin = SitePath1<Int64>("threads/:thread/pin")
    public static let threadLock = SitePath1<Int64>("threads/:thread/lock")
    public static let threadMove = SitePath1<Int64>("threads/:thread/move")
    public static let threadWatch = SitePath1<Int64>("threads/:thread/watch")
    public static let post = SitePath1<Int64>("posts/:post")
    public static let postEdit = SitePath1<Int64>("posts/:post/edit")
    public static let postHistory = SitePath1<Int64>("posts/:post/history")
    public static let postDelete = SitePath1<Int64>("posts/:post/delete")
    public static let postHelpful = SitePath1<Int64>("posts/:post/helpful")
    public static let postFlag = SitePath1<Int64>("posts/:post/flag")
    public static let postHide = SitePath1<Int64>("posts/:post/hide")
    public static let postUnhide = SitePath1<Int64>("posts/:post/unhide")

    // Artifacts and feedback
    public static let cohortArtifacts = SitePath1<Int64>("cohorts/:cohort/artifacts")
    public static let newArtifact = SitePath1<Int64>("cohorts/:cohort/artifacts/new")
    public static let myArtifacts = SitePath("artifacts/mine")
    public static let artifact = SitePath1<Int64>("artifacts/:artifact")
    public static let artifactVersions = SitePath1<Int64>("artifacts/:artifact/versions")
    public static let artifactEdit = SitePath1<Int64>("artifacts/:artifact/edit")
    public static let artifactDelete = SitePath1<Int64>("artifacts/:artifact/delete")
    public static let artifactFeedback = SitePath1<Int64>("artifacts/:artifact/feedback")
    public static let artifactRequests = SitePath1<Int64>("artifacts/:artifact/requests")
    public static let feedbackAddressed = SitePath1<Int64>("feedback/:feedback/addressed")
    public static let feedbackHide = SitePath1<Int64>("feedback/:feedback/hide")
    public static let feedbackUnhide = SitePath1<Int64>("feedback/:feedback/unhide")
    public static let feedbackFlag = SitePath1<Int64>("feedback/:feedback/flag")
    public static let feedbackFlagDismiss = SitePath1<Int64>("feedback-flags/:feedbackFlag/dismiss")
    public static let file = SitePath1<Int64>("files/:version")
    public static let filePreview = SitePath1<Int64>("files/:version/preview")

    // Portfolio and review
    public static let portfolio = SitePath1<Int64>("cohorts/:cohort/portfolio")
    /// Which cohort's portfolio, for someone in several.
    public static let portfolios = SitePath("portfolio")
    public static let portfolioSubmit = SitePath1<Int64>("cohorts/:cohort/portfolio/submit")
    public static let portfolioWithdraw = SitePath1<Int64>("cohorts/:cohort/portfolio/withdraw")
    public static let reviews = SitePath("reviews")
    public static let reviewClaim = SitePath("reviews/claim")
    public static let review = SitePath1<Int64>("reviews/:submission")
    public static let reviewFile = SitePath2<Int64, Int64>("reviews/:submission/files/:version")

    // Administration
    public static let admin = SitePath("admin")
    public static let adminPeople = SitePath("admin/people")
    public static let adminInvitations = SitePath("admin/invitations")
    public static let invitationRevoke = SitePath1<Int64>("admin/invitations/:invitation/revoke")
    public static let adminBoards = SitePath("admin/boards")
    public static let adminCohorts = SitePath("admin/cohorts")
    public static let adminNewCohort = SitePath("admin/cohorts/new")
    public static let adminPerson = SitePath1<Int64>("admin/people/:person")
    public static let adminPersonRole = SitePath1<Int64>("admin/people/:person/role")
    public static let adminPersonDeactivate = SitePath1<Int64>("admin/people/:person/deactivate")
    public static let adminPersonReactivate = SitePath1<Int64>("admin/people/:person/reactivate")
    public static let adminPersonPasswordReset = SitePath1<Int64>("admin/people/:person/password-reset")
    public static let membershipRemoval = SitePath2<Int64, Int64>("admin/people/:person/cohorts/:cohort/remove")
    public static let adminMail = SitePath("admin/mail")
    public static let adminMailMessage = SitePath1<Int64>("admin/mail/:message")
    public static let adminMailRetry = SitePath1<Int64>("admin/mail/:message/retry")
    public static let adminReviews = SitePath("admin/reviews")
    public static let adminReviewsReport = SitePath("admin/reviews/report.csv")
    public static let reviewRelease = SitePath1<Int64>("admin/reviews/:submission/release")
    public static let reviewReassign = SitePath1<Int64>("admin/reviews/:submission/reassign")
    public static let adminExtensions = SitePath("admin/extensions")
    public static let certificateRevoke = SitePath("admin/certificates/revoke")
}

/// Links that point into a page (a post in its thread, a version of an artifact).
extension SiteURL {
    public static func post(_ postId: Int64, inThread threadId: Int64) -> String {
        thread.path(threadId) + "#post-\(postId)"
    }

    public static func feedback(_ feedbackId: Int64, onArtifact artifactId: Int64, version: Int) -> String {
        artifact.path(artifactId) + "?version=\(version)#feedback-\(feedbackId)"
    }

    public static func artifact(_ artifactId: Int64, version: Int) -> String {
        artifact.path(artifactId) + "?version=\(version)"
    }
}

import CohortModel
import CohortURLs
import Foundation

/// The home page: "what do I do next?"
struct DashboardPage: PageView {
    static let template = "dashboard"
    let title = "Dashboard"

    struct CohortCard {
        let anchor: String
        let name: String
        let href: String
        let roleTitle: String
        let currentTitle: String?
        let currentSummary: String?
        let hours: String?
        let nextTitle: String?
        let nextWhen: String?
        let nextDatetime: String?
        let nextCalendarHref: String?
        let nextLink: String?
        let deadline: String
        let daysLeft: String
        let progress: String?
        /// The board of the session running now (or coming next).
        let sessionBoardHref: String?
        let sessionBoardTitle: String?
        let portfolio: PortfolioSummary?
        /// Every session has met: the card shows only the portfolio (or the deadline).
        let trainingOver: Bool
    }

    /// A participant's portfolio in one line and what to do about it.
    struct PortfolioSummary {
        let href: String
        /// After a pass: the certificate, instead of days left.
        let certificateHref: String?
        let state: String
        let criteria: String
        let artifacts: String
        /// "Still to do: ...", the first few of what blocks submission.
        let stillToDo: String?
    }

    /// One cohort the viewer belongs to, as the controller read it.
    struct Membership {
        let overview: CohortOverview
        let own: TrainingProgress.Row?
        let progress: TrainingProgress?
        let portfolio: PortfolioView?
        let boards: [BoardSummary]
    }

    struct CohortLink {
        let name: String
        let href: String
        let detail: String
    }

    struct AttentionLine {
        let name: String
        let cohortName: String
        let href: String
        let reasons: String
    }

    var firstName: String
    var roleTitle: String
    var cards: [CohortCard]
    var isAdmin: Bool
    var allCohorts: [CohortLink]
    var showsAttention: Bool
    var attention: [AttentionLine]
    var noCohorts: Bool
    var replies: [ReplyItem]
    var feedbackAsked: [ReplyItem]
    /// For those who review: the queue and the review they hold.
    var reviewing: ReviewPanel?
    /// For facilitators and admins: what waits for them, most pressing first.
    var firstThings: [FirstThing]
    var showsFirstThings: Bool
    var feedbackReceived: [ReplyItem]
    var hasArtifacts: Bool
    /// Replies and feedback requests come from the boards and artifacts of one's cohorts.
    var readsBoards: Bool
    var csrfToken: String

    struct ReviewPanel {
        /// "3 portfolios wait for review; the oldest has waited 4 days."
        let waiting: String
        let heldHref: String?
        let heldUntil: String?
        let canClaim: Bool
    }

    struct ReplyItem {
        let text: String
        let href: String
        let unread: Bool
    }

    init(viewer: Viewer, memberOf: [Membership],
         all: [CohortSummary], attention: [AttentionItem], replies: [Notice],
         feedbackAsked: [(artifact: Artifact, ownerName: String)], queue: QueueStatus? = nil, firstThings: [FirstThing] = [],
         feedbackReceived: [ReceivedFeedback] = [], csrfToken: String, now: Date) {
        let falling = Set(attention.map(\.member.userId)).count
        self.firstThings = (falling == 0 ? [] : [FirstThing(
            text: "\(Wording.count(falling, "participant")) may need a word from you: see who and why", href: "#attention-heading")])
            + firstThings
        showsFirstThings = viewer.mayModerate || viewer.mayAdminister
        self.feedbackReceived = feedbackReceived.map {
            ReplyItem(text: "\($0.authorName) on “\($0.artifactTitle)”", href: $0.link, unread: !$0.addressed)
        }
        hasArtifacts = viewer.hasArtifacts
        self.csrfToken = csrfToken
        readsBoards = viewer.readsBoards
        self.replies = replies.map { ReplyItem(text: $0.text, href: $0.link, unread: $0.readAt == nil) }
        self.feedbackAsked = feedbackAsked.map {
            ReplyItem(text: "\($0.ownerName): \($0.artifact.title)", href: SiteURL.artifact.path($0.artifact.id!), unread: true)
        }
        firstName = viewer.user.name.split(separator: " ").first.map(String.init) ?? viewer.user.name
        roleTitle = viewer.role.title
        isAdmin = viewer.mayAdminister
        cards = memberOf.map { Self.card($0, viewer: viewer, now: now) }
        allCohorts = viewer.mayAdminister ? all.map {
            CohortLink(name: $0.cohort.name, href: SiteURL.cohort.path($0.cohort.id!),
                       detail: "\(Wording.count($0.memberCount, "member")) · starts \(TimeDisplay.day($0.cohort.startsOn))")
        } : []
        showsAttention = viewer.followsParticipants
        self.attention = attention.map {
            AttentionLine(name: $0.member.name, cohortName: $0.cohortName, href: SiteURL.progress.path($0.cohortId),
                          reasons: $0.reasons.joined(separator: "; "))
        }
        noCohorts = cards.isEmpty && allCohorts.isEmpty && queue == nil
        reviewing = queue.map { queue in
            let display = TimeDisplay(viewer: viewer, fallback: "UTC")
            let oldest = queue.waitingDays.first.map { $0 == 0 ? "; the oldest came in today" : "; the oldest has waited \(Wording.count($0, "day"))" } ?? ""
            let waiting = queue.waiting == 0 ? "No portfolio waits for review."
                : "\(Wording.count(queue.waiting, "portfolio")) \(queue.waiting == 1 ? "waits" : "wait") for review\(oldest)."
            return ReviewPanel(waiting: waiting, heldHref: queue.myClaim.map { SiteURL.review.path($0.id!) },
                               heldUntil: queue.myClaim?.leaseExpiresAt.map(display.moment),
                               canClaim: queue.myClaim == nil && queue.waiting > 0)
        }
    }

    private static func card(_ membership: Membership, viewer: Viewer, now: Date) -> CohortCard {
        let (overview, row, grid) = (membership.overview, membership.own, membership.progress)
        let cohortId = overview.cohort.id!
        let current = overview.currentSession(at: now)
        let next = overview.nextSession(at: now)
        let display = TimeDisplay(viewer: viewer, fallback: next?.meeting.timeZone ?? "UTC")
        var progress: String?
        if let row, let grid {
            let attended = grid.sessions.filter { row.attendedSessionIds.contains($0.session.id!) }.count
            progress = "You attended \(attended) of \(grid.sessions.count) live sessions; your course work is "
                + (row.courseworkComplete ? "complete." : "not marked complete yet.")
        }
        let sessionId = (current ?? next)?.session.id
        let sessionBoard = membership.boards.first { $0.board.courseSessionId != nil && $0.board.courseSessionId == sessionId }?.board
        let daysLeft = overview.daysUntilPortfolioDeadline(at: now)
        return CohortCard(
            anchor: "cohort-\(cohortId)", name: overview.cohort.name, href: SiteURL.cohort.path(cohortId),
            roleTitle: viewer.cohortRoles[cohortId]?.title ?? "Admin",
            currentTitle: current?.session.title, currentSummary: current?.session.summary,
            hours: current.map { "About \($0.session.asyncHoursMin)–\($0.session.asyncHoursMax) hours this fortnight" },
            nextTitle: next?.session.title, nextWhen: next.map { display.meeting($0.meeting.startsAt) },
            nextDatetime: next.map { TimeDisplay.machine($0.meeting.startsAt) },
            nextCalendarHref: next.map { SiteURL.meetingCalendar.path(cohortId, $0.session.position) },
            nextLink: next?.meeting.link,
            deadline: TimeDisplay.day(overview.cohort.portfolioDeadlineOn),
            daysLeft: daysLeft < 0 ? "passed" : daysLeft == 0 ? "today" : "\(Wording.count(daysLeft, "day")) left",
            progress: progress,
            sessionBoardHref: sessionBoard.map { SiteURL.board.path($0.id!) }, sessionBoardTitle: sessionBoard?.title,
            portfolio: membership.portfolio.map(Self.portfolioSummary), trainingOver: current == nil && next == nil)
    }

    private static func portfolioSummary(_ view: PortfolioView) -> PortfolioSummary {
        let ready = view.criteria.filter { $0.progress == .contextualized }.count
        let state: String = switch view.state {
        case .passed: "You passed."
        case .submitted: "Submitted: waiting for an evaluator."
        case .inReview: "An evaluator is reviewing it."
        case .returned: "Returned with feedback: revise it and submit again."
        case .draft: view.blockers.isEmpty ? "Ready to submit." : "In progress."
        }
        return PortfolioSummary(
            href: SiteURL.portfolio.path(view.cohort.id!), certificateHref: view.certificateCode.map { SiteURL.certificate.path($0) },
            state: state, criteria: "\(ready) of \(view.criteria.count) criteria ready",
            artifacts: "\(Wording.count(view.distinctArtifacts, "artifact")) used (\(PortfolioRules.minimumArtifacts) to \(PortfolioRules.maximumArtifacts) needed)",
            stillToDo: view.blockers.isEmpty ? nil
                : "Still to do: " + view.blockers.prefix(3).joined(separator: "; ") + (view.blockers.count > 3 ? "; and more." : "."))
    }
}

import CohortModel
import CohortURLs
import Foundation

struct CohortPage: PageView {
    static let template = "cohort"

    struct TimelineItem {
        let title: String
        let summary: String
        let state: String
        let stateLabel: String?
        let when: String
        let datetime: String
        let hours: String
        let link: String?
        let calendarHref: String
        let boardHref: String?
    }

    struct MemberItem {
        let name: String
        let email: String
    }

    var title: String
    var programName: String
    var startsOn: String
    var trainingEndsOn: String
    var portfolioDeadlineOn: String
    var daysLeft: Int
    var timeline: [TimelineItem]
    var zoneNote: String
    var facilitators: [MemberItem]
    var participants: [MemberItem]
    var participantCount: Int
    struct BoardLink {
        let title: String
        let href: String
        let detail: String
    }

    var boards: [BoardLink]
    var boardsHref: String
    var artifactsHref: String
    var canManage: Bool
    var canChangeRoster: Bool
    var scheduleHref: String
    var progressHref: String
    var rosterHref: String

    init(_ overview: CohortOverview, boards: [BoardSummary], viewer: Viewer, now: Date) {
        let cohortId = overview.cohort.id!
        let display = TimeDisplay(viewer: viewer, fallback: overview.sessions.first?.meeting.timeZone ?? "UTC")
        title = overview.cohort.name
        programName = overview.program.name
        startsOn = TimeDisplay.day(overview.cohort.startsOn)
        trainingEndsOn = TimeDisplay.day(overview.cohort.trainingEndsOn)
        portfolioDeadlineOn = TimeDisplay.day(overview.cohort.portfolioDeadlineOn)
        daysLeft = overview.daysUntilPortfolioDeadline(at: now)
        let sessionBoards = Dictionary(boards.compactMap { summary in summary.board.courseSessionId.map { ($0, summary.board.id!) } },
                                       uniquingKeysWith: { first, _ in first })
        timeline = overview.sessions.map { scheduled in
            let state = overview.state(of: scheduled, at: now)
            return TimelineItem(
                title: scheduled.session.title, summary: scheduled.session.summary, state: state.rawValue,
                stateLabel: [.current: "Now", .next: "Next", .past: "Done"][state],
                when: display.meeting(scheduled.meeting.startsAt), datetime: TimeDisplay.machine(scheduled.meeting.startsAt),
                hours: "\(scheduled.session.asyncHoursMin)–\(scheduled.session.asyncHoursMax) hours of work on your own time",
                link: scheduled.meeting.link,
                calendarHref: SiteURL.meetingCalendar.path(cohortId, scheduled.session.position),
                boardHref: sessionBoards[scheduled.session.id!].map { SiteURL.board.path($0) })
        }
        zoneNote = display.isViewersOwn
            ? "Times are shown in your time zone, \(display.zone.identifier)."
            : "Times are shown in \(display.zone.identifier), where the meetings are set. Choose your own time zone on your account page."
        facilitators = overview.members.filter { $0.role == .facilitator }.map { MemberItem(name: $0.name, email: $0.email) }
        participants = overview.members.filter { $0.role == .participant }.map { MemberItem(name: $0.name, email: $0.email) }
        participantCount = participants.count
        self.boards = boards.filter { $0.board.archivedAt == nil }.map {
            BoardLink(title: $0.board.title, href: SiteURL.board.path($0.board.id!),
                      detail: "\(Wording.count($0.board.topicCount, "thread")) · \(Wording.count($0.board.postCount, "post"))")
        }
        boardsHref = SiteURL.cohortBoards.path(cohortId)
        artifactsHref = SiteURL.cohortArtifacts.path(cohortId)
        let abilities = viewer.abilities(inCohort: cohortId)
        canManage = abilities.canManage
        canChangeRoster = abilities.canChangeRoster
        scheduleHref = SiteURL.schedule.path(cohortId)
        progressHref = SiteURL.progress.path(cohortId)
        rosterHref = SiteURL.roster.path(cohortId)
    }
}

import CohortModel
import CohortURLs
import Foundation

struct SchedulePage: PageView {
    static let template = "schedule"

    struct SessionForm {
        let title: String
        let position: Int
        let action: String
        let day: String
        let time: String
        let timeZone: String
        let link: String
        let error: String?
        let zones: [ZoneGroup]
    }

    var title: String
    var cohortName: String
    var cohortHref: String
    var csrfToken: String
    var sessions: [SessionForm]
    var trainingEndsOn: String
    var trainingEndAction: String
    var trainingEndError: String?
    var portfolioDeadlineOn: String

    /// `failed` re-shows one session's form with what was typed and what was wrong.
    init(_ overview: CohortOverview, csrfToken: String, failed: (position: Int, change: MeetingChange, error: String)? = nil,
         trainingEndError: String? = nil) {
        let cohortId = overview.cohort.id!
        title = "Schedule of \(overview.cohort.name)"
        cohortName = overview.cohort.name
        cohortHref = SiteURL.cohort.path(cohortId)
        self.csrfToken = csrfToken
        sessions = overview.sessions.map { scheduled in
            let position = scheduled.session.position
            if let failed, failed.position == position {
                return SessionForm(title: scheduled.session.title, position: position,
                                   action: SiteURL.scheduleSession.path(cohortId, position), day: failed.change.day,
                                   time: failed.change.time, timeZone: failed.change.timeZone, link: failed.change.link,
                                   error: failed.error, zones: ZoneGroup.all(selected: failed.change.timeZone))
            }
            let zone = TimeZone(identifier: scheduled.meeting.timeZone) ?? .gmt
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.hour, .minute], from: scheduled.meeting.startsAt)
            return SessionForm(
                title: scheduled.session.title, position: position,
                action: SiteURL.scheduleSession.path(cohortId, position),
                day: CalendarDay(scheduled.meeting.startsAt, in: zone).description,
                time: String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0),
                timeZone: zone.identifier, link: scheduled.meeting.link ?? "", error: nil,
                zones: ZoneGroup.all(selected: zone.identifier))
        }
        trainingEndsOn = overview.cohort.trainingEndsOn
        trainingEndAction = SiteURL.trainingEnd.path(cohortId)
        self.trainingEndError = trainingEndError
        portfolioDeadlineOn = overview.cohort.portfolioDeadlineOn
    }
}

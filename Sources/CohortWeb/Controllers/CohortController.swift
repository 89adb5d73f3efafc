import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// A cohort's page and its calendar files, for its members.
struct CohortController {
    let database: AppDatabase
    let renderer: PageRenderer

    func addRoutes(to members: RouteGroup<CohortMemberContext>) {
        members.get(SiteURL.cohort, use: show)
        members.get(SiteURL.meetingCalendar, use: calendar)
    }

    @Sendable func show(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let overview = try await database.cohortOverview(id: context.cohortId, visibleTo: context.viewer)
        let boards = try await database.boards(forCohort: overview.cohort.id!, viewer: context.viewer)
        return try renderer.render(CohortPage(overview, boards: boards, viewer: context.viewer, now: Date()),
                                   request: request, context: context)
    }

    @Sendable func calendar(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let overview = try await database.cohortOverview(id: context.cohortId, visibleTo: context.viewer)
        guard let position = context.parameters.get("position", as: Int.self),
            let scheduled = overview.sessions.first(where: { $0.session.position == position })
        else { throw HTTPError(.notFound, message: "This cohort has no such session.") }
        let file = CalendarFile(cohort: overview.cohort, scheduled: scheduled, now: Date())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(scheduled.session.title.lowercased().replacingOccurrences(of: " ", with: "-")).ics\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: file.text)))
    }
}

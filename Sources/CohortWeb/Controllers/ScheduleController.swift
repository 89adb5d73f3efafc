import CohortModel
import CohortURLs
import Hummingbird

/// Editing a cohort's schedule, for its facilitators and admins.
struct ScheduleController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct MeetingForm: Decodable {
        var day: String?
        var time: String?
        var timeZone: String?
        var link: String?
    }

    struct DayForm: Decodable {
        var day: String?
    }

    func addRoutes(to facilitators: RouteGroup<FacilitatorContext>) {
        facilitators.get(SiteURL.schedule, use: edit)
        facilitators.post(SiteURL.scheduleSession, use: updateSession)
        facilitators.post(SiteURL.trainingEnd, use: updateTrainingEnd)
    }

    @Sendable func edit(_ request: Request, context: FacilitatorContext) async throws -> Response {
        let overview = try await managedOverview(context)
        return try renderer.render(SchedulePage(overview, csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func updateSession(_ request: Request, context: FacilitatorContext) async throws -> Response {
        let cohortId = context.cohortId
        guard let position = context.parameters.get("position", as: Int.self) else { throw HTTPError(.notFound) }
        let form = try await request.decode(as: MeetingForm.self, context: context)
        let change = MeetingChange(day: form.day ?? "", time: form.time ?? "", timeZone: form.timeZone ?? "",
                                   link: form.link ?? "")
        do {
            let result = try await database.reschedule(cohortId: cohortId, sessionPosition: position, to: change,
                                                       by: context.viewer)
            return .seeOther(SiteURL.schedule.path(cohortId), flash: Flash(.notice, result.message), cookies: cookies)
        } catch let error as CohortError where error.kind == .invalidInput {
            let page = SchedulePage(try await managedOverview(context), csrfToken: context.csrfToken,
                                    failed: (position, change, error.message))
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func updateTrainingEnd(_ request: Request, context: FacilitatorContext) async throws -> Response {
        let cohortId = context.cohortId
        let form = try await request.decode(as: DayForm.self, context: context)
        do {
            let result = try await database.setTrainingEnd(cohortId: cohortId, to: form.day ?? "", by: context.viewer)
            return .seeOther(SiteURL.schedule.path(cohortId), flash: Flash(.notice, result.message), cookies: cookies)
        } catch let error as CohortError where error.kind == .invalidInput {
            let page = SchedulePage(try await managedOverview(context), csrfToken: context.csrfToken,
                                    trainingEndError: error.message)
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func managedOverview(_ context: FacilitatorContext) async throws -> CohortOverview {
        try await database.cohortOverview(id: context.cohortId, visibleTo: context.viewer)
    }
}

import CohortModel
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

    func register(on router: Router<AppRequestContext>) {
        let group = router.group("cohorts/:id/schedule", context: SignedInContext.self)
        group.get(use: edit)
        group.post("sessions/:position", use: updateSession)
        group.post("training-end", use: updateTrainingEnd)
    }

    @Sendable func edit(_ request: Request, context: SignedInContext) async throws -> Response {
        let overview = try await managedOverview(context)
        return try renderer.render(SchedulePage(overview, csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func updateSession(_ request: Request, context: SignedInContext) async throws -> Response {
        let cohortId = try context.cohortId
        guard let position = context.parameters.get("position", as: Int.self) else { throw HTTPError(.notFound) }
        let form = try await request.decode(as: MeetingForm.self, context: context)
        let change = MeetingChange(day: form.day ?? "", time: form.time ?? "", timeZone: form.timeZone ?? "",
                                   link: form.link ?? "")
        do {
            let result = try await database.reschedule(cohortId: cohortId, sessionPosition: position, to: change,
                                                       by: context.viewer)
            return .seeOther(Paths.schedule(cohortId), flash: Flash(.notice, result.message), cookies: cookies)
        } catch let error as CohortError where error.kind == .invalidInput {
            let page = SchedulePage(try await managedOverview(context), csrfToken: context.csrfToken,
                                    failed: (position, change, error.message))
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func updateTrainingEnd(_ request: Request, context: SignedInContext) async throws -> Response {
        let cohortId = try context.cohortId
        let form = try await request.decode(as: DayForm.self, context: context)
        do {
            let result = try await database.setTrainingEnd(cohortId: cohortId, to: form.day ?? "", by: context.viewer)
            return .seeOther(Paths.schedule(cohortId), flash: Flash(.notice, result.message), cookies: cookies)
        } catch let error as CohortError where error.kind == .invalidInput {
            let page = SchedulePage(try await managedOverview(context), csrfToken: context.csrfToken,
                                    trainingEndError: error.message)
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func managedOverview(_ context: SignedInContext) async throws -> CohortOverview {
        let cohortId = try context.cohortId
        let overview = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        guard context.viewer.canManage(cohortId: cohortId) else { throw CohortError.notAllowed }
        return overview
    }
}

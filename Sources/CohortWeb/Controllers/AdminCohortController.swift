import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Creating cohorts.
struct AdminCohortController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct CohortForm: Decodable {
        var name: String?
        var startsOn: String?
        var time: String?
        var timeZone: String?
    }

    func addRoutes(to admins: RouteGroup<AdminContext>) {
        admins.get(SiteURL.adminNewCohort, use: new)
        admins.post(SiteURL.adminCohorts, use: create)
    }

    @Sendable func new(_ request: Request, context: AdminContext) async throws -> Response {
        let page = NewCohortPage(csrfToken: context.csrfToken, zones: ZoneGroup.all(selected: NewCohortPage.defaultZone))
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: AdminContext) async throws -> Response {
        let form = try await request.decode(as: CohortForm.self, context: context)
        do {
            let cohort = try await database.createCohort(
                name: form.name ?? "", startsOn: form.startsOn ?? "", meetingTime: form.time ?? "",
                timeZone: form.timeZone ?? "", by: context.viewer)
            return .seeOther(SiteURL.cohort.path(cohort.id!), flash: Flash(.notice, "Cohort created. Add its people from the roster."),
                             cookies: cookies)
        } catch let error as CohortError where error.kind == .invalidInput {
            let page = NewCohortPage(csrfToken: context.csrfToken, name: form.name ?? "", startsOn: form.startsOn ?? "",
                                     time: form.time ?? "", timeZone: form.timeZone ?? "", error: error.message,
                                     zones: ZoneGroup.all(selected: form.timeZone ?? ""))
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }
}

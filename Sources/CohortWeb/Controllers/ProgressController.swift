import CohortModel
import CohortURLs
import Hummingbird

/// The training-progress grid: attendance and course work, for facilitators and admins.
struct ProgressController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct ProgressForm: Decodable {
        var attended: [String]?
        var coursework: [String]?
    }

    func addRoutes(to facilitators: RouteGroup<FacilitatorContext>) {
        facilitators.get(SiteURL.progress, use: show)
        facilitators.post(SiteURL.progress, use: update)
        facilitators.get(SiteURL.progressCSV, use: export)
    }

    @Sendable func show(_ request: Request, context: FacilitatorContext) async throws -> Response {
        let cohortId = context.cohortId
        let overview = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        let grid = try await database.trainingProgress(cohortId: cohortId, by: context.viewer)
        let page = ProgressPage(grid, cohortId: cohortId, cohortName: overview.cohort.name, csrfToken: context.csrfToken)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func update(_ request: Request, context: FacilitatorContext) async throws -> Response {
        let cohortId = context.cohortId
        let form = try await request.decode(as: ProgressForm.self, context: context)
        let attended = (form.attended ?? []).compactMap { value -> ProgressMarks.Pair? in
            let parts = value.split(separator: ":")
            guard parts.count == 2, let user = Int64(parts[0]), let session = Int64(parts[1]) else { return nil }
            return ProgressMarks.Pair(userId: user, sessionId: session)
        }
        let marks = ProgressMarks(attended: Set(attended), courseworkComplete: Set((form.coursework ?? []).compactMap { Int64($0) }))
        try await database.recordProgress(cohortId: cohortId, marks: marks, by: context.viewer)
        return .seeOther(SiteURL.progress.path(cohortId), flash: Flash(.notice, "Progress saved."), cookies: cookies)
    }

    @Sendable func export(_ request: Request, context: FacilitatorContext) async throws -> Response {
        let cohortId = context.cohortId
        let overview = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        let grid = try await database.trainingProgress(cohortId: cohortId, by: context.viewer)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"progress-cohort-\(cohortId).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: ProgressCSV(grid: grid, cohortName: overview.cohort.name).text)))
    }
}

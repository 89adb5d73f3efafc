import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Admins' portfolio tools: claims, reports, deadline extensions, revocations.
struct AdminReviewsController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct Form: Decodable {
        var evaluatorId: String?
        var email: String?
        var cohortId: String?
        var day: String?
        var reason: String?
        var code: String?
    }

    func addRoutes(to admins: RouteGroup<AdminContext>) {
        admins.get(SiteURL.adminReviews, use: index)
        admins.get(SiteURL.adminReviewsReport, use: report)
        admins.post(SiteURL.reviewRelease, use: release)
        admins.post(SiteURL.reviewReassign, use: reassign)
        admins.post(SiteURL.adminExtensions, use: extend)
        admins.post(SiteURL.certificateRevoke, use: revoke)
    }

    @Sendable func index(_ request: Request, context: AdminContext) async throws -> Response {
        let report = try await database.portfolioReport(viewer: context.viewer)
        let claims = try await database.activeClaims(viewer: context.viewer)
        let evaluators = try await database.allUsers().filter { $0.role == .evaluator }
        let cohorts = try await database.cohorts(visibleTo: context.viewer)
        let display = TimeDisplay(viewer: context.viewer, fallback: "UTC")
        let page = AdminReviewsPage(
            csrfToken: context.csrfToken,
            claims: claims.map {
                .init(educator: $0.educator, evaluator: $0.evaluator, until: $0.submission.leaseExpiresAt.map(display.moment) ?? "",
                      releaseAction: SiteURL.reviewRelease.path($0.submission.id!),
                      reassignAction: SiteURL.reviewReassign.path($0.submission.id!), fieldId: "reassign-\($0.submission.id!)")
            },
            cohorts: report.cohorts.map {
                .init(name: $0.cohortName, submissions: $0.submissions, decided: $0.decided,
                      passRate: $0.decided == 0 ? "–" : "\($0.passed * 100 / $0.decided)%",
                      median: $0.medianDaysToDecision.map { String(format: "%.1f", $0) } ?? "–")
            },
            evaluators: report.evaluators, evaluatorOptions: evaluators.map { .init(id: $0.id!, name: $0.name) },
            cohortOptions: cohorts.map { .init(id: $0.cohort.id!, name: $0.cohort.name) })
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func report(_ request: Request, context: AdminContext) async throws -> Response {
        let report = try await database.portfolioReport(viewer: context.viewer)
        var lines = ["Cohort,Submissions,Decided,Passed,Pass rate,Median days to decision"]
        for line in report.cohorts {
            let rate = line.decided == 0 ? "" : String(line.passed * 100 / line.decided)
            lines.append([ProgressCSV.cell(line.cohortName), String(line.submissions), String(line.decided), String(line.passed), rate,
                          line.medianDaysToDecision.map { String(format: "%.1f", $0) } ?? ""]
                .map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ","))
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                .contentDisposition: "attachment; filename=\"portfolio-report.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
    }

    @Sendable func release(_ request: Request, context: AdminContext) async throws -> Response {
        try await database.releaseClaim(submissionId: try context.id("submission"), viewer: context.viewer)
        return .seeOther(SiteURL.adminReviews.path, flash: Flash(.notice, "Back in the queue."), cookies: cookies)
    }

    @Sendable func reassign(_ request: Request, context: AdminContext) async throws -> Response {
        let form = try await request.decode(as: Form.self, context: context)
        guard let evaluator = form.evaluatorId.flatMap({ Int64($0) }) else { throw PortfolioError.notAllowed }
        try await database.releaseClaim(submissionId: try context.id("submission"), to: evaluator, viewer: context.viewer)
        return .seeOther(SiteURL.adminReviews.path, flash: Flash(.notice, "Reassigned."), cookies: cookies)
    }

    @Sendable func extend(_ request: Request, context: AdminContext) async throws -> Response {
        let form = try await request.decode(as: Form.self, context: context)
        guard let user = try await database.user(email: form.email ?? ""), let cohortId = form.cohortId.flatMap({ Int64($0) }) else {
            throw PortfolioError.portfolioNotFound
        }
        try await database.extendDeadline(userId: user.id!, cohortId: cohortId, to: form.day ?? "", reason: form.reason ?? "",
                                          viewer: context.viewer)
        return .seeOther(SiteURL.adminReviews.path, flash: Flash(.notice, "Deadline extended for \(user.name)."), cookies: cookies)
    }

    @Sendable func revoke(_ request: Request, context: AdminContext) async throws -> Response {
        let form = try await request.decode(as: Form.self, context: context)
        try await database.revokeCertificate(code: form.code ?? "", reason: form.reason ?? "", viewer: context.viewer)
        return .seeOther(SiteURL.adminReviews.path, flash: Flash(.notice, "Certificate revoked."), cookies: cookies)
    }
}

import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// A cohort's roster: adding people one by one or from a CSV file. Admins only.
struct RosterController {
    let database: AppDatabase
    let renderer: PageRenderer
    let links: InvitationLinks

    static let maximumFileSize = 4 << 20

    struct MemberForm: Decodable {
        var email: String?
        var name: String?
        var role: String?
    }

    func addRoutes(to cohortAdmins: RouteGroup<CohortAdminContext>) {
        cohortAdmins.get(SiteURL.roster, use: show)
        cohortAdmins.post(SiteURL.members, use: add)
        cohortAdmins.post(SiteURL.rosterImport, body: .multipart, use: importFile)
    }

    @Sendable func show(_ request: Request, context: CohortAdminContext) async throws -> Response {
        let overview = try await adminOverview(context)
        let invitations = try await database.pendingInvitations(cohortId: overview.cohort.id!)
        return try renderer.render(RosterPage(overview, invitations: invitations, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    @Sendable func add(_ request: Request, context: CohortAdminContext) async throws -> Response {
        let overview = try await adminOverview(context)
        let form = try await request.decode(as: MemberForm.self, context: context)
        let report = try await database.addMember(email: form.email ?? "", name: form.name ?? "",
                                                  role: form.role ?? "", to: overview.cohort.id!, by: context.viewer)
        return try renderReport(report, overview: overview, request: request, context: context)
    }

    @Sendable func importFile(_ request: Request, context: CohortAdminContext) async throws -> Response {
        let overview = try await adminOverview(context)
        guard let boundary = request.headers[.contentType].flatMap(MultipartUpload.boundary) else {
            throw HTTPError(.badRequest, message: "Send the roster with the import form as a file upload.")
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumFileSize)
        try MultipartUpload.requireToken(in: body, boundary: boundary, request: request, csrfToken: context.csrfToken)
        let file: String?
        do {
            file = try MultipartUpload.text(of: "file", in: body, boundary: boundary)
        } catch {
            throw HTTPError(.badRequest, message: "The upload could not be read. Choose the CSV file again and retry.")
        }
        do {
            guard let csv = file, !csv.isEmpty else { throw RosterError.empty }
            let report = try await database.importRoster(csv: csv, into: overview.cohort.id!, by: context.viewer)
            return try renderReport(report, overview: overview, request: request, context: context)
        } catch let error as RosterError {
            let invitations = try await database.pendingInvitations(cohortId: overview.cohort.id!)
            let page = RosterPage(overview, invitations: invitations, csrfToken: context.csrfToken, error: error.message)
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func renderReport(_ report: RosterReport, overview: CohortOverview, request: Request,
                              context: CohortAdminContext) throws -> Response {
        let page = RosterReportPage(report, cohortId: overview.cohort.id!, cohortName: overview.cohort.name) { token in
            links.url(for: token, request: request)
        }
        return try renderer.render(page, request: request, context: context,
                                   status: report.applied ? .ok : .unprocessableContent)
    }

    private func adminOverview(_ context: CohortAdminContext) async throws -> CohortOverview {
        try await database.cohortOverview(id: context.cohortId, visibleTo: context.viewer)
    }
}

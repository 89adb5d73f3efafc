import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// The evaluators' queue and review form; the public certificate page.
struct ReviewController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let files: FileStore

    func addRoutes(to routes: RouteGroups) {
        routes.evaluators.get(SiteURL.reviews, use: queue)
        routes.evaluators.post(SiteURL.reviewClaim, use: claim)
        routes.signedIn.get(SiteURL.review, use: show)
        routes.signedIn.post(SiteURL.review, use: save)
        routes.signedIn.get(SiteURL.reviewFile, use: download)
        routes.anyone.get(SiteURL.certificateCheck, use: checkCertificate)
        routes.anyone.get(SiteURL.certificate, use: certificate)
    }

    @Sendable func queue(_ request: Request, context: EvaluatorContext) async throws -> Response {
        let status = try await database.queueStatus(viewer: context.viewer)
        return try renderer.render(ReviewQueuePage(status, viewer: context.viewer, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    @Sendable func claim(_ request: Request, context: EvaluatorContext) async throws -> Response {
        do {
            let submission = try await database.claimNext(viewer: context.viewer)
            return .seeOther(SiteURL.review.path(submission.id!), cookies: cookies)
        } catch PortfolioError.queueEmpty {
            return .seeOther(SiteURL.reviews.path, flash: Flash(.notice, PortfolioError.queueEmpty.message), cookies: cookies)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("submission")
        let view = try await database.reviewView(submissionId: id, viewer: context.viewer)
        let tally = try await database.reviewTally(submissionId: id, viewer: context.viewer)
        return try renderer.render(ReviewPage(view, tally: tally, viewer: context.viewer, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    /// Saves the marks (quietly, for the page's script), and on Submit asks to confirm
    /// once every criterion is marked and explained; the confirmation decides.
    @Sendable func save(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("submission")
        let form = try await request.decode(as: [String: String].self, context: context)
        if form["decision"] == "confirm" { return try await decide(id, request: request, context: context) }
        var marks: [Int: (met: Bool?, comment: String)] = [:]
        for criterion in 1...PortfolioRules.criteria {
            let choice = form["mark-\(criterion)"]
            marks[criterion] = (choice == "met" ? true : choice == "not-met" ? false : nil, form["mark-\(criterion)-comment"] ?? "")
        }
        do {
            _ = try await database.saveReview(submissionId: id, marks: marks, overall: form["overall"] ?? "", submit: false,
                                              viewer: context.viewer)
        } catch let error as PortfolioError where error.kind == .invalidInput {
            // Nothing was saved: the page shows what the evaluator typed, not the last draft.
            let view = try await database.reviewView(submissionId: id, viewer: context.viewer)
            let tally = try await database.reviewTally(submissionId: id, viewer: context.viewer)
            let page = ReviewPage(view, tally: tally, viewer: context.viewer, csrfToken: context.csrfToken, error: error.message,
                                  typed: (marks, form["overall"] ?? ""))
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
        if request.headers[.autosave] == "1" {
            return Response(status: .noContent)  // the page's script saved quietly
        }
        guard form["decision"] == "submit" else {
            return .seeOther(SiteURL.review.path(id), flash: Flash(.notice, "Draft saved; your hold is renewed."), cookies: cookies)
        }
        let tally = try await database.reviewTally(submissionId: id, viewer: context.viewer)
        let view = try await database.reviewView(submissionId: id, viewer: context.viewer)
        guard tally.isComplete else {
            let error = PortfolioError.reviewNotReady(unmarked: tally.unmarked, unexplained: tally.unexplained)
            let page = ReviewPage(view, tally: tally, viewer: context.viewer, csrfToken: context.csrfToken, error: error.message)
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
        return try renderer.render(ReviewConfirmPage(view, tally: tally, csrfToken: context.csrfToken), request: request, context: context)
    }

    private func decide(_ id: Int64, request: Request, context: SignedInContext) async throws -> Response {
        do {
            let submission = try await database.decideReview(submissionId: id, viewer: context.viewer)
            let text = "Review submitted: \(submission.score ?? 0)/25, \(submission.passed == true ? "passed" : "returned")."
            return .seeOther(SiteURL.reviews.path, flash: Flash(.notice, text), cookies: cookies)
        } catch let error as PortfolioError where error.kind == .invalidInput {
            return .seeOther(SiteURL.review.path(id), flash: Flash(.alert, error.message), cookies: cookies)
        }
    }

    @Sendable func download(_ request: Request, context: SignedInContext) async throws -> Response {
        let (file, name) = try await database.reviewDownload(submissionId: try context.id("submission"),
                                                             versionId: try context.id("version"), viewer: context.viewer)
        let body = try await FileIO().loadFile(path: files.path(forSHA256: file.sha256), context: context)
        return Response(status: .ok, headers: [
            .contentType: file.contentType, .contentDisposition: ContentDisposition.header(inline: false, fileName: name),
            .contentSecurityPolicy: "default-src 'none'; sandbox",
        ], body: body)
    }

    /// A GET form: decoded like a posted one, so `+` reads as a space.
    struct CodeForm: Decodable { var code: String? }

    /// For an employer or a school holding a certificate: type its code, see whether it holds.
    @Sendable func checkCertificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = (try? URLEncodedFormDecoder().decode(CodeForm.self, from: request.uri.query ?? "")) ?? CodeForm()
        let code = (form.code ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard code.isEmpty else { return .redirect(to: SiteURL.certificate.path(code), type: .normal) }
        return try renderer.render(CertificateCheckPage(), request: request, context: context, narrow: true)
    }

    @Sendable func certificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let view: CertificateView
        do {
            view = try await database.certificate(code: code)
        } catch PortfolioError.certificateNotFound {
            // Said to whoever checks it, with the form to try again; no sign-in offered.
            let page = CertificateCheckPage(code: code, error: "No certificate has the code “\(code)”. Check it against the certificate and try again.")
            return try renderer.render(page, request: request, context: context, status: .notFound, narrow: true)
        }
        let certificate = view.certificate
        let valid = view.isValid(on: CalendarDay(Date()))
        let status = certificate.revokedAt != nil ? "Revoked" : valid ? "Valid" : "Expired"
        let page = CertificatePage(
            holderName: view.holderName, programName: view.programName, issuerName: view.issuerName, issuedOn: TimeDisplay.day(certificate.issuedOn),
            expiresOn: TimeDisplay.day(certificate.expiresOn), code: certificate.code, status: status, valid: valid,
            revokeReason: certificate.revokeReason)
        return try renderer.render(page, request: request, context: context)
    }
}

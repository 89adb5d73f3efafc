import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// What keeps typed text from being lost: drafts saved as they are typed, and a form
/// held while its author signed in again, sent on once they have.
struct KeptTextController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct DraftForm: Decodable { var key: String?; var body: String? }
    struct PreviewForm: Decodable { var body: String? }

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.post(SiteURL.drafts, use: saveDraft)
        signedIn.post(SiteURL.preview, use: preview)
        signedIn.get(SiteURL.resume, use: resume)
    }

    @Sendable func saveDraft(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: DraftForm.self, context: context)
        guard let key = form.key.flatMap(DraftKey.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "That box does not keep drafts.")
        }
        try await database.saveDraft(key, body: form.body ?? "", viewer: context.viewer)
        return Response(status: .noContent)
    }

    /// What a text will look like, rendered as a post is (for the page's script; without
    /// it, each form's Preview button shows the same on the form's own page).
    @Sendable func preview(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await request.decode(as: PreviewForm.self, context: context).body ?? ""
        guard body.unicodeScalars.count <= DraftRules.maximumLength else {
            throw HTTPError(.contentTooLarge, message: BoardError.bodyTooLong(maximum: DraftRules.maximumLength).message)
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: PostMarkdown.html(from: body))))
    }

    /// The held form, filled in again and sent with a fresh token: by the page's script
    /// at once, or by its button.
    @Sendable func resume(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let token = request.cookies[CookieFactory.heldFormName]?.value,
            let held = try await database.takeHeldForm(token: token, viewer: context.viewer), LocalPath.isLocal(held.path)
        else { return .redirect(to: SiteURL.dashboard.path, type: .normal) }
        let page = ResumePage(action: held.path, csrfToken: context.csrfToken, fields: FormFields(held.body))
        var response = try renderer.render(page, request: request, context: context)
        response.setCookie(cookies.expired(CookieFactory.heldFormName))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

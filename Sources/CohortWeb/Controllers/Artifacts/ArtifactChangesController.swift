import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// The owner edits what they said of an artifact, or deletes it.
struct ArtifactChangesController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let files: FileStore

    struct EditForm: Decodable { var title: String?; var description: String?; var indicator: [String]? }

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.artifactEdit, use: edit)
        signedIn.post(SiteURL.artifactEdit, use: update)
        signedIn.get(SiteURL.artifactDelete, use: confirmDelete)
        signedIn.post(SiteURL.artifactDelete, use: delete)
    }

    @Sendable func edit(_ request: Request, context: SignedInContext) async throws -> Response {
        let view = try await ownersView(try context.id("artifact"), context: context)
        let page = ArtifactEditPage(view, choices: try await database.indicatorChoices(), csrfToken: context.csrfToken)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("artifact")
        let form = try await request.decode(as: EditForm.self, context: context)
        let indicators = (form.indicator ?? []).compactMap { Int64($0) }
        do {
            _ = try await database.updateArtifact(id: id, title: form.title ?? "", description: form.description ?? "",
                                                  indicatorIds: indicators, viewer: context.viewer)
            return .seeOther(SiteURL.artifact.path(id), flash: Flash(.notice, "Artifact updated."), cookies: cookies)
        } catch let error as ArtifactError where error.kind == .invalidInput {
            var page = ArtifactEditPage(try await ownersView(id, context: context), choices: try await database.indicatorChoices(),
                                        csrfToken: context.csrfToken, checked: Set(indicators))
            page.artifactTitle = form.title ?? ""
            page.artifactDescription = form.description ?? ""
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func confirmDelete(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("artifact")
        let view = try await ownersView(id, context: context)
        let uses = try await database.portfolioUses(ofArtifact: id, viewer: context.viewer)
        return try renderer.render(ArtifactDeletePage(view, uses: uses, csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("artifact")
        do {
            let view = try await ownersView(id, context: context)
            _ = try await database.deleteArtifact(id: id, viewer: context.viewer, store: files)
            return .seeOther(SiteURL.myArtifacts.path, flash: Flash(.notice, "“\(view.artifact.title)” is deleted."), cookies: cookies)
        } catch let error as ArtifactError where error.kind == .conflict {
            return .seeOther(SiteURL.artifact.path(id), flash: Flash(.alert, error.message), cookies: cookies)
        }
    }

    /// The artifact, for its owner only.
    private func ownersView(_ id: Int64, context: SignedInContext) async throws -> ArtifactView {
        let view = try await database.artifactView(id: id, viewer: context.viewer)
        guard view.abilities.isOwner else { throw ArtifactError.notAllowed }
        return view
    }
}

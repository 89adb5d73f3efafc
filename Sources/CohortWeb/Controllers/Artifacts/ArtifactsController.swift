import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Sharing artifacts, revising them, and the cohort's gallery.
struct ArtifactsController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let files: FileStore

    func addRoutes(to routes: RouteGroups) {
        routes.members.get(SiteURL.cohortArtifacts, use: gallery)
        routes.members.get(SiteURL.newArtifact, use: new)
        routes.members.post(SiteURL.cohortArtifacts, body: .multipart, use: create)
        routes.signedIn.get(SiteURL.myArtifacts, use: mine)
        routes.signedIn.post(SiteURL.artifactVersions, body: .multipart, use: revise)
    }

    struct GalleryFilter: Decodable { var indicator: String?; var owner: String? }

    @Sendable func gallery(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        let filter = (try? URLEncodedFormDecoder().decode(GalleryFilter.self, from: request.uri.query ?? "")) ?? GalleryFilter()
        let indicator = filter.indicator.flatMap { $0.isEmpty ? nil : $0 }
        let owner = filter.owner.flatMap { Int64($0) }
        let overview = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        let items = try await database.gallery(cohortId: cohortId, indicatorCode: indicator, ownerId: owner, viewer: context.viewer)
        let choices = try await database.indicatorChoices()
        let page = GalleryPage(
            title: "Artifacts of \(overview.cohort.name)", cohortName: overview.cohort.name, cohortHref: SiteURL.cohort.path(cohortId),
            newHref: SiteURL.newArtifact.path(cohortId), canShare: context.cohort.canShareArtifacts,
            items: items.map(ArtifactListItem.init),
            indicatorOptions: choices.map { .init(id: $0.id, code: $0.code, title: $0.title, checked: $0.code == indicator) },
            owners: overview.members.map { .init(id: $0.userId, name: $0.name, selected: $0.userId == owner) },
            filtered: indicator != nil || owner != nil)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func mine(_ request: Request, context: SignedInContext) async throws -> Response {
        let items = try await database.myArtifacts(viewer: context.viewer)
        let cohorts = try await database.cohorts(visibleTo: context.viewer).filter { $0.viewerRole != nil }
        let page = MyArtifactsPage(items: items.map(ArtifactListItem.init), cohorts: cohorts.map {
            .init(name: $0.cohort.name, newHref: SiteURL.newArtifact.path($0.cohort.id!), galleryHref: SiteURL.cohortArtifacts.path($0.cohort.id!))
        })
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func new(_ request: Request, context: CohortMemberContext) async throws -> Response {
        try renderer.render(try await formPage(context), request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        _ = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        var form = MultipartUpload()
        do {
            do {
                form = try await MultipartUpload.read(request, store: files, csrfToken: context.csrfToken)
            } catch let failure as MultipartUpload.Failure {
                form.fields = failure.fields
                form.file = failure.file
                throw failure.error
            }
            let indicators = (form.fields["indicator[]"] ?? []).compactMap { Int64($0) }
            let artifact = try await database.createArtifact(
                cohortId: cohortId, title: form.field("title"), description: form.field("description"),
                indicatorIds: indicators, file: form.file, link: form.field("link"), viewer: context.viewer,
                submission: FormSubmission(key: form.field("_submission"), form: "artifact",
                                           content: [form.field("title"), form.field("description"), form.field("link"),
                                                     form.file?.sha256 ?? ""] + indicators.map(String.init)))
            return .seeOther(SiteURL.artifact.path(artifact.id!), flash: Flash(.notice, "Artifact shared with your cohort."), cookies: cookies)
        } catch {
            if let file = form.file { await database.discardUnreferencedUpload(sha256: file.sha256, store: files) }
            return try await refused(error, form: form, request: request, context: context)
        }
    }

    /// The form again with what was typed and why it was refused.
    private func refused(_ error: Error, form: MultipartUpload, request: Request, context: CohortMemberContext) async throws -> Response {
        guard let error = error as? ArtifactError, [.invalidInput, .payloadTooLarge, .unsupportedType].contains(error.kind) else {
            throw error
        }
        var page = try await formPage(context)
        page.artifactTitle = form.field("title")
        page.artifactDescription = form.field("description")
        page.link = form.field("link")
        if !form.field("_submission").isEmpty { page.submissionKey = form.field("_submission") }
        page.groups = IndicatorGroup.groups(try await database.indicatorChoices(),
                                            checked: Set((form.fields["indicator[]"] ?? []).compactMap { Int64($0) }))
        page.error = error.message
        return try renderer.render(page, request: request, context: context, status: ErrorPage.status(for: error.kind))
    }

    @Sendable func revise(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("artifact")
        _ = try await database.artifactView(id: id, viewer: context.viewer)
        var received: ReceivedFile?
        do {
            let form: MultipartUpload
            do {
                form = try await MultipartUpload.read(request, store: files, csrfToken: context.csrfToken)
            } catch let failure as MultipartUpload.Failure {
                received = failure.file
                throw failure.error
            }
            received = form.file
            let submission = FormSubmission(key: form.field("_submission"), form: "version",
                                            content: [form.field("note"), form.field("link"), form.file?.sha256 ?? ""])
            let version = try await database.addVersion(artifactId: id, note: form.field("note"), file: form.file,
                                                        link: form.field("link"), viewer: context.viewer, submission: submission)
            return .seeOther(SiteURL.artifact.path(id), flash: Flash(.notice, "Version \(version.number) uploaded."), cookies: cookies)
        } catch {
            if let received { await database.discardUnreferencedUpload(sha256: received.sha256, store: files) }
            guard let error = error as? ArtifactError, [.invalidInput, .payloadTooLarge, .unsupportedType].contains(error.kind) else {
                throw error
            }
            return .seeOther(SiteURL.artifact.path(id), flash: Flash(.alert, error.message), cookies: cookies)
        }
    }

    private func formPage(_ context: CohortMemberContext) async throws -> NewArtifactPage {
        let cohortId = context.cohortId
        let overview = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        guard context.cohort.canShareArtifacts else { throw ArtifactError.notAllowed }
        return NewArtifactPage(
            cohortName: overview.cohort.name, cohortHref: SiteURL.cohort.path(cohortId),
            action: SiteURL.cohortArtifacts.path(cohortId),
            groups: IndicatorGroup.groups(try await database.indicatorChoices()), accept: FileType.acceptedExtensions,
            maximumMegabytes: files.maximumBytes >> 20, maximumBytes: files.maximumBytes, csrfToken: context.csrfToken)
    }
}

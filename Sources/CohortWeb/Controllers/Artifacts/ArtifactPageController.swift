import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// One artifact: its page, feedback, requests, and file downloads.
struct ArtifactPageController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let files: FileStore
    let limits: PostingLimits

    struct FeedbackForm: Decodable {
        var body: String?; var version: String?; var indicatorId: String?; var parentId: String?; var _submission: String?
        var _preview: String?
    }
    struct RequestForm: Decodable { var peer: [String]?; var mode: String? }
    struct AddressedForm: Decodable { var addressed: String? }
    struct ReasonForm: Decodable { var reason: String? }
    struct PageQuery: Decodable { var version: String?; var replyTo: String? }

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.artifact, use: show)
        signedIn.post(SiteURL.artifactFeedback, use: addFeedback)
        signedIn.post(SiteURL.artifactRequests, use: request)
        signedIn.post(SiteURL.feedbackAddressed, use: addressed)
        signedIn.post(SiteURL.feedbackHide, use: hide)
        signedIn.post(SiteURL.feedbackUnhide, use: unhide)
        signedIn.post(SiteURL.feedbackFlag, use: flag)
        signedIn.post(SiteURL.feedbackFlagDismiss, use: dismissFlag)
        signedIn.get(SiteURL.file, use: download)
        signedIn.get(SiteURL.filePreview, use: preview)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let query = (try? URLEncodedFormDecoder().decode(PageQuery.self, from: request.uri.query ?? "")) ?? PageQuery()
        let view = try await database.artifactView(id: try context.id("artifact"), versionNumber: query.version.flatMap { Int($0) },
                                                   viewer: context.viewer)
        let replyTo = query.replyTo.flatMap { Int64($0) }
        let draft = replyTo == nil ? try await database.draft(.feedback(artifactId: view.artifact.id!), viewer: context.viewer) : ""
        let page = ArtifactPage(view, viewer: context.viewer, csrfToken: context.csrfToken, maximumUploadBytes: files.maximumBytes,
                                replyTo: replyTo, draft: draft)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func addFeedback(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("artifact")
        let form = try await request.decode(as: FeedbackForm.self, context: context)
        let version = form.version.flatMap { Int($0) } ?? 0
        let parent = form.parentId.flatMap { Int64($0) }
        if form._preview != nil {  // Preview: nothing is sent; the text is kept as a draft and shown as it will read
            if parent == nil { try await database.saveDraft(.feedback(artifactId: id), body: form.body ?? "", viewer: context.viewer) }
            let view = try await database.artifactView(id: id, versionNumber: version, viewer: context.viewer)
            var page = ArtifactPage(view, viewer: context.viewer, csrfToken: context.csrfToken, maximumUploadBytes: files.maximumBytes,
                                    replyTo: parent, draft: form.body ?? "", submissionKey: form._submission)
            page.previewHTML = PostMarkdown.html(from: form.body ?? "")
            return try renderer.render(page, request: request, context: context)
        }
        do {
            let feedback = try await database.addFeedback(
                artifactId: id, versionNumber: version, body: form.body ?? "", indicatorId: form.indicatorId.flatMap { Int64($0) },
                parentId: parent, viewer: context.viewer, limits: limits,
                submission: FormSubmission(key: form._submission, form: "feedback", content: [form.body ?? "", form.version ?? "", form.indicatorId ?? "",
                                                                          form.parentId ?? ""]))
            return .seeOther(SiteURL.feedback(feedback.id!, onArtifact: id, version: version), cookies: cookies)
        } catch let error as UserFacingError where error.kind == .invalidInput || error.kind == .tooManyAttempts {
            let view = try await database.artifactView(id: id, versionNumber: version, viewer: context.viewer)
            let page = ArtifactPage(view, viewer: context.viewer, csrfToken: context.csrfToken, maximumUploadBytes: files.maximumBytes,
                                    replyTo: parent,
                                    draft: form.body ?? "", submissionKey: form._submission, error: error.message)
            return try renderer.render(page, request: request, context: context, status: ErrorPage.status(for: error.kind))
        }
    }

    @Sendable func request(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("artifact")
        let form = try await request.decode(as: RequestForm.self, context: context)
        let asked: Int
        if form.mode == "auto" {
            asked = try await database.autoRequestFeedback(artifactId: id, count: 2, viewer: context.viewer)
        } else {
            asked = try await database.requestFeedback(artifactId: id, from: (form.peer ?? []).compactMap { Int64($0) },
                                                       viewer: context.viewer)
        }
        let text = asked == 0 ? "They were already asked." : "Asked \(asked) \(asked == 1 ? "peer" : "peers") for feedback."
        return .seeOther(SiteURL.artifact.path(id), flash: Flash(.notice, text), cookies: cookies)
    }

    @Sendable func addressed(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("feedback")
        let form = try await request.decode(as: AddressedForm.self, context: context)
        try await database.setAddressed(feedbackId: id, form.addressed == "true", viewer: context.viewer)
        return .seeOther(backTo(request), cookies: cookies)
    }

    @Sendable func hide(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("feedback")
        let form = try await request.decode(as: ReasonForm.self, context: context)
        try await database.hideFeedback(id: id, reason: form.reason ?? "", viewer: context.viewer)
        return .seeOther(backTo(request), flash: Flash(.notice, "Feedback hidden."), cookies: cookies)
    }

    @Sendable func unhide(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.unhideFeedback(id: try context.id("feedback"), viewer: context.viewer)
        return .seeOther(backTo(request), flash: Flash(.notice, "Feedback shown again."), cookies: cookies)
    }

    @Sendable func flag(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: ReasonForm.self, context: context)
        try await database.flagFeedback(id: try context.id("feedback"), reason: form.reason ?? "", viewer: context.viewer)
        return .seeOther(backTo(request), flash: Flash(.notice, "Thank you. A facilitator will look at it."), cookies: cookies)
    }

    @Sendable func dismissFlag(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.dismissFeedbackFlag(id: try context.id("feedbackFlag"), viewer: context.viewer)
        return .seeOther(SiteURL.moderation.path, flash: Flash(.notice, "Flag dismissed."), cookies: cookies)
    }

    @Sendable func download(_ request: Request, context: SignedInContext) async throws -> Response {
        try await serve(request, context: context, preview: false)
    }

    @Sendable func preview(_ request: Request, context: SignedInContext) async throws -> Response {
        try await serve(request, context: context, preview: true)
    }

    /// Files go out with their checked type, never sniffed; only images (and the
    /// preview of PDFs and videos, for the artifact page) are shown inline.
    private func serve(_ request: Request, context: SignedInContext, preview: Bool) async throws -> Response {
        let (file, name) = try await database.download(versionId: try context.id("version"), viewer: context.viewer)
        let type = FileType.allCases.first { $0.contentType == file.contentType }
        let inline = type?.isImage == true || (preview && (type == .pdf || type?.isVideo == true))
        let path = files.path(forSHA256: file.sha256)
        let size = Int(file.size)
        var status: HTTPResponse.Status = .ok
        var range = 0...max(0, size - 1)
        if let header = request.headers[.range], let requested = ByteRange(header, size: size) {
            range = requested.range
            status = .partialContent
        }
        let body = try await FileIO().loadFile(path: path, range: range, context: context)
        var response = Response(status: status, headers: [
            .contentType: file.contentType,
            .contentLength: String(range.count),
            .acceptRanges: "bytes",
            .contentDisposition: ContentDisposition.header(inline: inline, fileName: name),
            .cacheControl: "private, max-age=3600",
            // A file is never a page: no scripts, and only our own pages may frame a preview.
            .contentSecurityPolicy: "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'self'"
                + (preview && type == .pdf ? "" : "; sandbox"),
        ], body: body)
        if status == .partialContent {
            response.headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
        }
        return response
    }

    private func backTo(_ request: Request) -> String {
        request.headers[.referer].flatMap(LocalPath.referer) ?? SiteURL.myArtifacts.path
    }
}

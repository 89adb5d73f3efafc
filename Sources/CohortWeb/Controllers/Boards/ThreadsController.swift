import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Thread pages, replies, accepted answers and the moderator's thread tools.
struct ThreadsController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let limits: PostingLimits

    struct ReplyForm: Decodable { var body: String?; var parentId: String?; var _submission: String?; var _preview: String? }
    struct PostChoice: Decodable { var postId: String? }
    struct Toggle: Decodable { var on: String?; var watching: String? }
    struct MoveForm: Decodable { var boardId: String? }

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.thread, use: show)
        signedIn.post(SiteURL.threadReply, use: reply)
        signedIn.post(SiteURL.threadAccept, use: accept)
        signedIn.post(SiteURL.threadPin, use: pin)
        signedIn.post(SiteURL.threadLock, use: lock)
        signedIn.post(SiteURL.threadMove, use: move)
        signedIn.post(SiteURL.threadWatch, use: watch)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        let query = request.uri.queryParameters
        var replyTo: (Int64, String)?
        var draft = try await database.draft(.reply(topicId: id), viewer: context.viewer)
        if let quoted = query["quote"].flatMap({ Int64($0) }) ?? query["replyTo"].flatMap({ Int64($0) }) {
            let (post, topic, name) = try await database.post(id: quoted, viewer: context.viewer)
            guard topic.id == id else { throw BoardError.postNotFound }
            replyTo = (quoted, name)
            if query["quote"] != nil, !post.isRemoved {
                draft += (draft.isEmpty ? "" : "\n\n") + "> **\(name)** wrote:\n" + post.source.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "> " + $0 }.joined(separator: "\n") + "\n\n"
            }
        }
        let view = try await database.thread(id: id, viewer: context.viewer)
        let response = try await render(view, request: request, context: context, replyTo: replyTo, draft: draft)
        if !view.isSeenUpToDate {
            try await database.markThreadSeen(id: id, viewer: context.viewer)
        }
        return response
    }

    @Sendable func reply(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        let form = try await request.decode(as: ReplyForm.self, context: context)
        let parentId = form.parentId.flatMap { Int64($0) }
        if form._preview != nil {  // Preview: nothing is posted; the text is kept as a draft and shown as it will read
            try await database.saveDraft(.reply(topicId: id), body: form.body ?? "", viewer: context.viewer)
            var replyTo: (id: Int64, name: String)?
            if let parentId { replyTo = (parentId, try await database.post(id: parentId, viewer: context.viewer).authorName) }
            return try await render(database.thread(id: id, viewer: context.viewer), request: request, context: context,
                                    replyTo: replyTo, draft: form.body ?? "", submissionKey: form._submission,
                                    previewHTML: PostMarkdown.html(from: form.body ?? ""))
        }
        do {
            let submission = FormSubmission(key: form._submission, form: "reply", content: [form.body ?? "", form.parentId ?? ""])
            let post = try await database.reply(topicId: id, to: parentId, body: form.body ?? "", viewer: context.viewer,
                                                limits: limits, submission: submission)
            return .seeOther(SiteURL.post(post.id!, inThread: id), cookies: cookies)
        } catch let error as BoardError where error.kind == .invalidInput || error.kind == .tooManyAttempts
            || error == .topicLocked
        {
            var replyTo: (id: Int64, name: String)?
            if let parentId { replyTo = (parentId, try await database.post(id: parentId, viewer: context.viewer).authorName) }
            return try await render(database.thread(id: id, viewer: context.viewer), request: request, context: context,
                                    replyTo: replyTo, draft: form.body ?? "", submissionKey: form._submission,
                                    error: error.message, status: ErrorPage.status(for: error.kind))
        }
    }

    @Sendable func accept(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        let form = try await request.decode(as: PostChoice.self, context: context)
        guard let postId = form.postId.flatMap({ Int64($0) }) else { throw BoardError.notAnAnswer }
        try await database.acceptAnswer(topicId: id, postId: postId, viewer: context.viewer)
        return .seeOther(SiteURL.thread.path(id), flash: Flash(.notice, "Answer updated."), cookies: cookies)
    }

    @Sendable func pin(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        let on = try await request.decode(as: Toggle.self, context: context).on == "true"
        try await database.setPinned(topicId: id, on, viewer: context.viewer)
        return .seeOther(SiteURL.thread.path(id), flash: Flash(.notice, on ? "Thread pinned." : "Thread unpinned."), cookies: cookies)
    }

    @Sendable func lock(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        let on = try await request.decode(as: Toggle.self, context: context).on == "true"
        try await database.setLocked(topicId: id, on, viewer: context.viewer)
        return .seeOther(SiteURL.thread.path(id), flash: Flash(.notice, on ? "Thread locked." : "Thread unlocked."), cookies: cookies)
    }

    @Sendable func move(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        guard let target = try await request.decode(as: MoveForm.self, context: context).boardId.flatMap({ Int64($0) }) else {
            throw BoardError.boardNotFound
        }
        try await database.moveTopic(id, toBoard: target, viewer: context.viewer)
        return .seeOther(SiteURL.thread.path(id), flash: Flash(.notice, "Thread moved."), cookies: cookies)
    }

    @Sendable func watch(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("thread")
        let watching = try await request.decode(as: Toggle.self, context: context).watching == "true"
        try await database.setWatching(topicId: id, watching, viewer: context.viewer)
        let text = watching ? "You will be told of new replies." : "You no longer watch this thread."
        return .seeOther(SiteURL.thread.path(id), flash: Flash(.notice, text), cookies: cookies)
    }

    private func render(_ view: ThreadView, request: Request, context: SignedInContext, replyTo: (id: Int64, name: String)?,
                        draft: String, submissionKey: String? = nil, error: String? = nil, previewHTML: String? = nil,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let targets = view.abilities.canModerate && view.board.cohortId != nil
            ? try await database.boards(forCohort: view.board.cohortId!, viewer: context.viewer) : []
        var page = ThreadPage(view, viewer: context.viewer, csrfToken: context.csrfToken, moveTargets: targets,
                              replyTo: replyTo, draft: draft, submissionKey: submissionKey, error: error,
                              maximumPostLength: limits.maximumPostLength)
        page.previewHTML = previewHTML
        return try renderer.render(page, request: request, context: context, status: status)
    }
}

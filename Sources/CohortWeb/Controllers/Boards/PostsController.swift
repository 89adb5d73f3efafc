import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// One post: its link, edits and history, deletion, helpful marks, flags and hiding.
struct PostsController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let limits: PostingLimits

    struct BodyForm: Decodable { var body: String? }
    struct ReasonForm: Decodable { var reason: String? }

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.post, use: show)
        signedIn.get(SiteURL.postEdit, use: edit)
        signedIn.post(SiteURL.postEdit, use: update)
        signedIn.get(SiteURL.postHistory, use: history)
        signedIn.get(SiteURL.postDelete, use: confirmDelete)
        signedIn.post(SiteURL.postDelete, use: delete)
        signedIn.post(SiteURL.postHelpful, use: helpful)
        signedIn.post(SiteURL.postFlag, use: flag)
        signedIn.post(SiteURL.postHide, use: hide)
        signedIn.post(SiteURL.postUnhide, use: unhide)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let (post, topic, _) = try await database.post(id: try context.id("post"), viewer: context.viewer)
        return .redirect(to: SiteURL.post(post.id!, inThread: topic.id!), type: .normal)
    }

    @Sendable func edit(_ request: Request, context: SignedInContext) async throws -> Response {
        let (post, topic) = try await database.postForEditing(id: try context.id("post"), viewer: context.viewer)
        return try renderer.render(page(post, topic, body: post.source, context: context), request: request, context: context)
    }

    @Sendable func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("post")
        let form = try await request.decode(as: BodyForm.self, context: context)
        do {
            let post = try await database.editPost(id: id, body: form.body ?? "", viewer: context.viewer, limits: limits)
            return .seeOther(SiteURL.post(id, inThread: post.topicId), flash: Flash(.notice, "Post updated."), cookies: cookies)
        } catch let error as BoardError where error.kind == .invalidInput {
            let (post, topic, _) = try await database.post(id: id, viewer: context.viewer)
            var page = page(post, topic, body: form.body ?? "", context: context)
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func history(_ request: Request, context: SignedInContext) async throws -> Response {
        let (post, topic, revisions) = try await database.postHistory(id: try context.id("post"), viewer: context.viewer)
        return try renderer.render(PostHistoryPage(post: post, topic: topic, revisions: revisions, viewer: context.viewer),
                                   request: request, context: context)
    }

    /// Deleting asks first, on a page of its own (which works without JavaScript).
    @Sendable func confirmDelete(_ request: Request, context: SignedInContext) async throws -> Response {
        let (post, topic) = try await database.postForDeleting(id: try context.id("post"), viewer: context.viewer)
        let page = PostDeletePage(threadTitle: topic.title, threadHref: SiteURL.post(post.id!, inThread: topic.id!),
                                  action: SiteURL.postDelete.path(post.id!), csrfToken: context.csrfToken, html: post.html)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("post")
        let (_, topic, _) = try await database.post(id: id, viewer: context.viewer)
        try await database.deletePost(id: id, viewer: context.viewer)
        return .seeOther(SiteURL.post(id, inThread: topic.id!), flash: Flash(.notice, "Post deleted."), cookies: cookies)
    }

    @Sendable func helpful(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("post")
        let (_, topic, _) = try await database.post(id: id, viewer: context.viewer)
        _ = try await database.toggleHelpful(postId: id, viewer: context.viewer)
        return .seeOther(SiteURL.post(id, inThread: topic.id!), cookies: cookies)
    }

    @Sendable func flag(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("post")
        let (_, topic, _) = try await database.post(id: id, viewer: context.viewer)
        let form = try await request.decode(as: ReasonForm.self, context: context)
        try await database.flagPost(id: id, reason: form.reason ?? "", viewer: context.viewer)
        return .seeOther(SiteURL.post(id, inThread: topic.id!), flash: Flash(.notice, "Thank you. A facilitator will look at the post."),
                         cookies: cookies)
    }

    @Sendable func hide(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("post")
        let (_, topic, _) = try await database.post(id: id, viewer: context.viewer)
        let form = try await request.decode(as: ReasonForm.self, context: context)
        try await database.hidePost(id: id, reason: form.reason ?? "", viewer: context.viewer)
        return .seeOther(SiteURL.post(id, inThread: topic.id!), flash: Flash(.notice, "Post hidden."), cookies: cookies)
    }

    @Sendable func unhide(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("post")
        let (_, topic, _) = try await database.post(id: id, viewer: context.viewer)
        try await database.unhidePost(id: id, viewer: context.viewer)
        return .seeOther(SiteURL.post(id, inThread: topic.id!), flash: Flash(.notice, "The post is shown again."), cookies: cookies)
    }

    private func page(_ post: Post, _ topic: Topic, body: String, context: SignedInContext) -> PostEditPage {
        PostEditPage(threadTitle: topic.title, threadHref: SiteURL.post(post.id!, inThread: topic.id!),
                     action: SiteURL.postEdit.path(post.id!), csrfToken: context.csrfToken, body: body,
                     maximumPostLength: limits.maximumPostLength)
    }
}

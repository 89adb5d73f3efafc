import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Board lists, board pages, new threads and board management.
struct BoardsController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let limits: PostingLimits

    struct TitleForm: Decodable { var title: String? }
    struct FlagForm: Decodable { var archived: String?; var watching: String? }
    struct ThreadForm: Decodable { var title: String?; var body: String?; var kind: String?; var _submission: String?; var _preview: String? }

    func addRoutes(to routes: RouteGroups) {
        routes.members.get(SiteURL.cohortBoards, use: list)
        routes.members.post(SiteURL.cohortBoards, use: add)
        routes.signedIn.get(SiteURL.board, use: show)
        routes.signedIn.post(SiteURL.boardRename, use: rename)
        routes.signedIn.post(SiteURL.boardArchive, use: archive)
        routes.signedIn.post(SiteURL.boardWatch, use: watch)
        routes.signedIn.get(SiteURL.newThread, use: newThread)
        routes.signedIn.get(SiteURL.boardPeople, use: people)
        routes.signedIn.post(SiteURL.boardThreads, use: createThread)
    }

    @Sendable func list(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        let overview = try await database.cohortOverview(id: cohortId, visibleTo: context.viewer)
        let boards = try await database.boards(forCohort: cohortId, viewer: context.viewer)
        return try renderer.render(BoardListPage(cohort: overview, boards: boards, viewer: context.viewer,
                                                 csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func add(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        let form = try await request.decode(as: TitleForm.self, context: context)
        let board = try await database.addBoard(title: form.title ?? "", cohortId: cohortId, viewer: context.viewer)
        return .seeOther(SiteURL.cohortBoards.path(cohortId), flash: Flash(.notice, "Board “\(board.title)” added."), cookies: cookies)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let key = BoardTopicsPage.pageKey(request.uri.queryParameters["after"])
        let page = try await database.boardPage(id: try context.id("board"), viewer: context.viewer, after: key)
        let token = try await database.existingFeedToken(for: context.viewer)
        return try renderer.render(BoardTopicsPage(page, viewer: context.viewer, csrfToken: context.csrfToken, feedToken: token),
                                   request: request, context: context)
    }

    @Sendable func rename(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("board")
        let form = try await request.decode(as: TitleForm.self, context: context)
        try await database.renameBoard(id: id, to: form.title ?? "", viewer: context.viewer)
        return .seeOther(request.headers[.referer].flatMap(LocalPath.referer) ?? SiteURL.board.path(id),
                         flash: Flash(.notice, "Board renamed."), cookies: cookies)
    }

    @Sendable func archive(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("board")
        let form = try await request.decode(as: FlagForm.self, context: context)
        let archived = form.archived == "true"
        try await database.setBoardArchived(id: id, archived, viewer: context.viewer)
        return .seeOther(request.headers[.referer].flatMap(LocalPath.referer) ?? SiteURL.board.path(id),
                         flash: Flash(.notice, archived ? "Board archived: it is read only now." : "Board reopened."),
                         cookies: cookies)
    }

    @Sendable func watch(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("board")
        let form = try await request.decode(as: FlagForm.self, context: context)
        let watching = form.watching == "true"
        try await database.setWatching(boardId: id, watching, viewer: context.viewer)
        let text = watching ? "You will be told of new threads in this board." : "You no longer watch this board."
        return .seeOther(SiteURL.board.path(id), flash: Flash(.notice, text), cookies: cookies)
    }

    @Sendable func people(_ request: Request, context: SignedInContext) async throws -> Response {
        let typed = request.uri.queryParameters["q"].map(String.init) ?? ""
        let names = try await database.mentionSuggestions(boardId: try context.id("board"), typed: typed, viewer: context.viewer)
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(names))))
    }

    @Sendable func newThread(_ request: Request, context: SignedInContext) async throws -> Response {
        let board = try await database.board(id: try context.id("board"), viewer: context.viewer)
        var page = formPage(board, context: context)
        page.body = try await database.draft(.thread(boardId: board.id!), viewer: context.viewer)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func createThread(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.id("board")
        let form = try await request.decode(as: ThreadForm.self, context: context)
        let kind: Topic.Kind = form.kind == "question" ? .question : .discussion
        if form._preview != nil {  // Preview: nothing is posted; the text is kept as a draft and shown as it will read
            try await database.saveDraft(.thread(boardId: id), body: form.body ?? "", viewer: context.viewer)
            var page = formPage(try await database.board(id: id, viewer: context.viewer), context: context)
            page.topicTitle = form.title ?? ""
            page.body = form.body ?? ""
            page.isQuestion = kind == .question
            page.submissionKey = form._submission ?? page.submissionKey
            page.previewHTML = PostMarkdown.html(from: form.body ?? "")
            return try renderer.render(page, request: request, context: context)
        }
        do {
            let submission = FormSubmission(key: form._submission, form: "thread", content: [form.title ?? "", form.body ?? "", kind.rawValue])
            let topic = try await database.startTopic(boardId: id, title: form.title ?? "", body: form.body ?? "",
                                                      kind: kind, viewer: context.viewer, limits: limits, submission: submission)
            return .seeOther(SiteURL.thread.path(topic.id!), cookies: cookies)
        } catch let error as BoardError where error.kind == .invalidInput || error.kind == .tooManyAttempts {
            let board = try await database.board(id: id, viewer: context.viewer)
            var page = formPage(board, context: context)
            page.topicTitle = form.title ?? ""
            page.body = form.body ?? ""
            page.isQuestion = kind == .question
            page.submissionKey = form._submission ?? page.submissionKey
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: ErrorPage.status(for: error.kind))
        }
    }

    private func formPage(_ board: Board, context: SignedInContext) -> NewThreadPage {
        NewThreadPage(boardTitle: board.title, boardHref: SiteURL.board.path(board.id!), action: SiteURL.boardThreads.path(board.id!),
                      csrfToken: context.csrfToken, isQuestion: board.kind == .questions, maximumPostLength: limits.maximumPostLength,
                      draftKey: DraftKey.thread(boardId: board.id!).rawValue, peopleHref: SiteURL.boardPeople.path(board.id!))
    }

}


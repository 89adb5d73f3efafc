import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// A board's Atom feed, read by feed readers with the member's private token
/// instead of a session.
struct FeedController {
    let database: AppDatabase
    let secure: Bool

    func addRoutes(to anyone: RouteGroup<AppRequestContext>) {
        anyone.get(SiteURL.boardFeed, use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let token = request.uri.queryParameters["token"], !token.isEmpty else { throw BoardError.boardNotFound }
        let (board, entries) = try await database.feed(boardId: try context.id("board"), token: String(token))
        let site = "\(secure ? "https" : "http")://\(request.head.authority ?? "localhost")"
        let feed = AtomFeed(board: board, entries: entries, site: site)
        return Response(
            status: .ok,
            headers: [.contentType: "application/atom+xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: feed.xml)))
    }
}

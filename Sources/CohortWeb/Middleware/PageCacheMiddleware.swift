import Foundation
import Hummingbird
import NIOCore

/// Serves a signed-in GET from `PageCache` when nothing has changed since it was
/// rendered, and keeps what it renders otherwise. Only complete HTML pages with a 200
/// and no cookie of their own are kept; a request carrying a flash message is always
/// rendered, because showing the message consumes it.
struct PageCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let cache: PageCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get, let signedIn = context.signedIn, !context.carriesFlashCookie else {
            return try await next(request, context)
        }
        let key = PageCache.Key(sessionId: signedIn.session.id!, authority: request.head.authority ?? "", uri: request.uri.description,
                                gzip: AcceptEncoding(request.headers[.acceptEncoding]).allowsGzip)
        let started = cache.now()
        if let page = cache.page(for: key, current: cache.stamp(for: signedIn.viewer.id, now: started)) {
            return Response(status: .ok, headers: page.headers, body: .init(byteBuffer: page.body))
        }
        var response = try await next(request, context)
        // The page header shows the sign-in (name, unread notices), read before the page.
        guard let generation = signedIn.generation, response.status == .ok,
              response.headers[.contentType]?.hasPrefix("text/html") == true, response.headers[.setCookie] == nil,
              let length = response.body.contentLength, length <= PageCache.maximumPageBytes
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        response.body = .init(byteBuffer: collector.buffer)
        cache.keep(PageCache.Page(headers: response.headers, body: collector.buffer), for: key, at: PageCache.stamp(generation, now: started),
                   userId: signedIn.viewer.id)
        return response
    }
}

/// Takes a response body that is already in memory (a rendered page) back out.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        if buffer.readableBytes == 0 {
            buffer = part
        } else {
            var part = part
            buffer.writeBuffer(&part)
        }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

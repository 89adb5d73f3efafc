import CohortURLs
import Hummingbird

/// Serves `public/` under `/assets/` before anything else runs: no session lookup,
/// no database, for the files every page loads.
struct StaticAssetsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    private let files: FileMiddleware<Context, LocalFileSystem>
    /// Errors get the site's error page, signed out: assets are served before the session is read.
    private let renderer: PageRenderer
    private let routes: RouteTable

    init(folder: String, renderer: PageRenderer, routes: RouteTable) {
        self.renderer = renderer
        self.routes = routes
        files = FileMiddleware(
            folder, urlBasePath: SiteURL.assets.path,
            cacheControl: .init([(.text, [.maxAge(3600)]), (.application, [.maxAge(3600)]), (.image, [.maxAge(86_400)])]))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix(SiteURL.assets.path + "/") else { return try await next(request, context) }
        // Our file names are plain. Anything else (`..`, percent escapes, a NUL that would
        // cut the name short at the file system) is not ours, and never reaches it.
        let name = request.uri.path.dropFirst(SiteURL.assets.path.count + 1)
        do {
            guard !name.isEmpty, !name.contains(".."), name.allSatisfy(Self.isPlain) else { throw HTTPError(.notFound) }
            return try await files.handle(request, context: context) { _, _ in throw HTTPError(.notFound) }
        } catch let error as any HTTPResponseError {
            let message = error.status == .rangeNotSatisfiable ? "That part of the file does not exist." : "There is no such file here."
            let page = ErrorPage(HTTPError(error.status, message: message), request: request, context: context, routes: routes)
            return try renderer.render(page, request: request, context: context, status: page.status)
        }
    }

    private static func isPlain(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-_./".contains(character))
    }
}

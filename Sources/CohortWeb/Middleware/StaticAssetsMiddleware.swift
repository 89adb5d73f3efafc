import Hummingbird

/// Serves `public/` under `/assets/` before anything else runs: no session lookup,
/// no database, for the files every page loads.
struct StaticAssetsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let files: FileMiddleware<Context, LocalFileSystem>

    init(folder: String) {
        files = FileMiddleware(
            folder, urlBasePath: Paths.assets,
            cacheControl: .init([(.text, [.maxAge(3600)]), (.application, [.maxAge(3600)]), (.image, [.maxAge(86_400)])]))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix(Paths.assets + "/") else { return try await next(request, context) }
        return try await files.handle(request, context: context) { _, _ in throw HTTPError(.notFound) }
    }
}

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
        // Our file names are plain. Anything else (`..`, percent escapes, a NUL that would
        // cut the name short at the file system) is not ours, and never reaches it.
        let name = request.uri.path.dropFirst(Paths.assets.count + 1)
        guard !name.isEmpty, !name.contains(".."), name.allSatisfy(Self.isPlain) else { return Self.answer(.notFound) }
        do {
            return try await files.handle(request, context: context) { _, _ in throw HTTPError(.notFound) }
        } catch let error as any HTTPResponseError {
            return Self.answer(error.status)
        }
    }

    private static func isPlain(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-_./".contains(character))
    }

    /// A short page that still passes through the security headers on its way out. The
    /// full error page needs the session, which assets are served without.
    private static func answer(_ status: HTTPResponse.Status) -> Response {
        let message = status == .rangeNotSatisfiable ? "That part of the file does not exist." : "There is no such file here."
        let page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(status.code) \(status.reasonPhrase) · Cohort</title></head>
            <body><main><h1>\(status.reasonPhrase)</h1><p>\(message) <a href="/">Go to Cohort</a>.</p></main></body></html>

            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}

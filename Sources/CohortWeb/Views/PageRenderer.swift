import CohortModel
import CompressNIO
import Foundation
import Hummingbird
import Mustache

/// Renders pages: the page's template first, then the layout around it.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Templates the server cannot run without; checked at start because a missing
    /// folder loads as an empty library without complaint.
    static let requiredTemplates = [
        "layout", "error", "login", "new-account", "account", "dashboard", "admin/index", "admin/people",
        "admin/new-cohort", "cohort", "schedule", "roster", "roster-report", "progress",
        "boards", "board", "thread", "new-thread", "post-edit", "post-delete", "post-history", "notifications",
        "moderation", "search", "artifact", "artifacts", "my-artifacts", "artifact-new",
        "portfolio", "reviews", "review", "certificate", "certificate-check", "admin/reviews", "password-reset", "unsubscribe",
        "email-change", "admin/person", "admin/mail", "admin/mail-message",
    ]

    init(templatesDirectory: String) async throws {
        library = try await MustacheLibrary(directory: templatesDirectory)
        let missing = Self.requiredTemplates.filter { library.getTemplate(named: $0) == nil }
        guard missing.isEmpty else {
            throw StartupError("templates missing from \(templatesDirectory): \(missing.joined(separator: ", "))")
        }
    }

    func render<Page: PageView>(_ page: Page, request: Request, context: some PageContext,
                                status: HTTPResponse.Status = .ok, narrow: Bool = false) throws -> Response {
        guard let body = library.render(PageScope(page: ReflectedView.wrap(page)), withTemplate: Page.template) else {
            throw StartupError("template \(Page.template) is missing")
        }
        // The layout is rendered around a marker and the body written beside it, so a
        // large page is copied once (into the buffer) rather than through the layout too.
        let layout = Layout(title: page.title, body: Self.bodyMarker, viewer: context.pageViewer,
                            unreadNotices: context.unreadNotices, csrfToken: context.csrfToken,
                            flash: context.flash, path: request.uri.path, narrow: narrow)
        let frame = library.render(layout, withTemplate: "layout") ?? Self.bodyMarker
        let parts = frame.split(separator: Self.bodyMarker, maxSplits: 1, omittingEmptySubsequences: false)
        let markup = page.largeMarkup
        var buffer = ByteBufferAllocator().buffer(capacity: frame.utf8.count + body.utf8.count + markup.reduce(0) { $0 + $1.utf8.count })
        buffer.writeSubstring(parts[0])
        var rest = Substring(body)
        for (index, piece) in markup.enumerated() {
            guard let range = rest.range(of: Self.slot(index)) else { continue }
            buffer.writeSubstring(rest[..<range.lowerBound])
            buffer.writeString(piece)
            rest = rest[range.upperBound...]
        }
        buffer.writeSubstring(rest)
        if parts.count > 1 { buffer.writeSubstring(parts[1]) }
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .vary: "Accept-Encoding"]
        // Pages compress to about a fifth; small ones are not worth the work.
        if buffer.readableBytes > 1400, AcceptEncoding(request.headers[.acceptEncoding]).allowsGzip,
            let compressed = try? buffer.compress(with: Self.gzip)
        {
            buffer = compressed
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// Unguessable, so no text a person typed can stand in for them.
    private static let secret = SecureToken.generate()
    private static let bodyMarker = "<!-- body \(secret) -->"

    /// Where a page's `largeMarkup[index]` goes (see PageView).
    static func slot(_ index: Int) -> String { "<!-- slot \(index) \(secret) -->" }

    private static let gzip = CompressionAlgorithm.gzip(configuration: .init(compressionLevel: .compressionLevel5))
}

/// A reason the server cannot start, said in one line.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

import Foundation

/// A search result: where the post is, and a snippet with the matches marked.
public struct SearchHit: Sendable {
    public let postId: Int64
    public let topicId: Int64
    public let topicTitle: String
    public let boardTitle: String
    public let authorName: String
    public let createdAt: Date
    /// HTML-escaped text with `<mark>` around the matched words.
    public let snippetHTML: String
}

/// What someone typed into the search box, made safe for FTS5: each word becomes a
/// quoted term (so `AND`, `*`, `"` and `NEAR(` mean nothing special).
public struct SearchQuery: Sendable {
    public let terms: [String]

    public init(_ text: String) {
        // Control characters (a NUL ends an FTS5 string early) separate words too.
        terms = text.split(whereSeparator: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control }
                || $0.isPunctuation && $0 != "'" && $0 != "-" })
            .map { String($0).replacingOccurrences(of: "\"", with: "") }
            .filter { !$0.isEmpty }
            .prefix(12)
            .map { $0 }
    }

    public var isEmpty: Bool { terms.isEmpty }

    var ftsPattern: String {
        terms.map { "\"\($0)\"" }.joined(separator: " ")
    }
}

import Foundation
import GRDB

extension AppDatabase {
    /// Full-text search over thread titles and posts the viewer may read, best
    /// matches first, optionally within one board and by one author.
    public func search(_ query: SearchQuery, boardId: Int64? = nil, authorName: String? = nil, viewer: Viewer,
                       limit: Int = 30, offset: Int = 0) async throws -> [SearchHit] {
        guard !query.isEmpty else { return [] }
        return try await reader.read { db in
            let filters = Self.searchFilters(boardId: boardId, authorName: authorName, viewer: viewer)
            // \u{2}/\u{3} mark matches; the snippet is escaped before they become <mark>.
            let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT post.id, post.topicId, topic.title, board.title, user.name, post.createdAt,
                       snippet(postSearch, -1, char(2), char(3), '…', 24) AS snippet
                FROM postSearch
                JOIN post ON post.id = postSearch.rowid
                JOIN topic ON topic.id = post.topicId
                JOIN board ON board.id = topic.boardId
                JOIN user ON user.id = post.authorId
                WHERE postSearch MATCH \(query.ftsPattern) AND \(filters)
                ORDER BY bm25(postSearch, 4.0, 1.0)
                LIMIT \(limit) OFFSET \(max(0, offset))
                """))
            return rows.map { row in
                SearchHit(postId: row[0], topicId: row[1], topicTitle: row[2], boardTitle: row[3], authorName: row[4],
                          createdAt: row[5], snippetHTML: Self.highlighted(row["snippet"] ?? ""))
            }
        }
    }

    /// How many posts the search finds in all, for its count and its pages.
    public func searchCount(_ query: SearchQuery, boardId: Int64? = nil, authorName: String? = nil, viewer: Viewer) async throws -> Int {
        guard !query.isEmpty else { return 0 }
        return try await reader.read { db in
            let filters = Self.searchFilters(boardId: boardId, authorName: authorName, viewer: viewer)
            return try Int.fetchOne(db, SQLRequest<Int>(literal: """
                SELECT COUNT(*) FROM postSearch
                JOIN post ON post.id = postSearch.rowid JOIN topic ON topic.id = post.topicId
                JOIN board ON board.id = topic.boardId JOIN user ON user.id = post.authorId
                WHERE postSearch MATCH \(query.ftsPattern) AND \(filters)
                """)) ?? 0
        }
    }

    private static func searchFilters(boardId: Int64?, authorName: String?, viewer: Viewer) -> SQL {
        var filters: SQL = BoardScope(viewer: viewer).readable()
        if let boardId { filters = "\(filters) AND board.id = \(boardId)" }
        if let authorName, !authorName.isEmpty {
            let escaped = authorName.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            filters = "\(filters) AND user.name LIKE \("%" + escaped + "%") ESCAPE '\\'"
        }
        return filters
    }

    /// The snippet escaped, with FTS5's markers (U+0002 before a match, U+0003 after
    /// it) made into `<mark>`. Typed text cannot hold the markers (`TypedText`); a
    /// stray one in older rows can at most move a highlight, never leave a tag open.
    static func highlighted(_ snippet: String) -> String {
        var html = "", open = false
        for character in PostMarkdown.escapeAttribute(snippet) {
            switch character {
            case "\u{2}" where !open: html += "<mark>"; open = true
            case "\u{3}" where open: html += "</mark>"; open = false
            case "\u{2}", "\u{3}": continue
            default: html.append(character)
            }
        }
        return open ? html + "</mark>" : html
    }
}

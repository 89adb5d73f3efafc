import CohortModel
import CohortURLs
import Foundation

/// An Atom (RFC 4287) document of a board's latest posts.
struct AtomFeed {
    let board: Board
    let entries: [FeedEntry]
    let site: String

    var xml: String {
        let updated = entries.first.map { $0.post.editedAt ?? $0.post.createdAt } ?? board.createdAt
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom">"#,
            "<id>\(site)\(SiteURL.board.path(board.id!))</id>",
            "<title>\(HTMLText.escape(board.title)) · Cohort</title>",
            "<updated>\(TimeDisplay.machine(updated))</updated>",
            "<link rel=\"alternate\" type=\"text/html\" href=\"\(site)\(SiteURL.board.path(board.id!))\"/>",
        ]
        for entry in entries {
            let post = entry.post
            let link = site + SiteURL.post(post.id!, inThread: post.topicId)
            lines += [
                "<entry>",
                "<id>\(site)\(SiteURL.post.path(post.id!))</id>",
                "<title>\(HTMLText.escape(entry.topicTitle))</title>",
                "<author><name>\(HTMLText.escape(entry.authorName))</name></author>",
                "<updated>\(TimeDisplay.machine(post.editedAt ?? post.createdAt))</updated>",
                "<link rel=\"alternate\" type=\"text/html\" href=\"\(HTMLText.escape(link))\"/>",
                "<content type=\"html\">\(HTMLText.escape(post.html))</content>",
                "</entry>",
            ]
        }
        lines.append("</feed>")
        // XML forbids control characters; forms drop them, but rows written before they did may hold some.
        return TypedText.cleaned(lines.joined(separator: "\n"))
    }
}

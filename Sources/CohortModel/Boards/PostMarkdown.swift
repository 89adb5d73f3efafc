import Foundation
import Ink

/// Markdown to safe HTML, with Ink. Ink passes raw HTML and any link URL through as
/// written, so its modifiers escape every HTML fragment, rebuild links with checked
/// and escaped URLs, and turn images into links (the CSP shows no outside images).
public enum PostMarkdown {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    public static func html(from source: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { _, markdown in escape(String(markdown)) })
        parser.addModifier(Modifier(target: .links) { html, markdown in link(html: html, markdown: markdown) })
        parser.addModifier(Modifier(target: .images) { _, markdown in image(markdown: markdown) })
        // Carriage returns and NUL bytes have no business in a post.
        let cleaned = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\0", with: "")
        return parser.html(from: cleaned)
    }

    /// `[text](url)`: Ink wrote `<a href="URL">TEXT</a>` with the URL as typed; keep
    /// its rendering of the text, and write the tag again around it.
    static func link(html: String, markdown: Substring) -> String {
        guard let url = inlineURL(markdown) else {
            // Reference links and anything odd: the words without a link.
            return escape(String(markdown))
        }
        let prefix = "<a href=\"" + url + "\">"
        guard html.hasPrefix(prefix), html.hasSuffix("</a>") else { return escape(String(markdown)) }
        let text = String(html.dropFirst(prefix.count).dropLast(4))
        guard let safe = safeURL(url) else { return text }
        return "<a href=\"\(escapeAttribute(safe))\" rel=\"nofollow ugc noopener\">\(text)</a>"
    }

    /// `![alt](url)` becomes a link to the picture.
    static func image(markdown: Substring) -> String {
        guard let url = inlineURL(markdown), let safe = safeURL(url),
            let open = markdown.firstIndex(of: "["), let close = markdown.lastIndex(of: "]"), open < close
        else { return escape(String(markdown)) }
        let alt = markdown[markdown.index(after: open)..<close]
        let label = alt.isEmpty ? "image" : "image: " + alt
        return "<a href=\"\(escapeAttribute(safe))\" rel=\"nofollow ugc noopener\">\(escape(String(label)))</a>"
    }

    /// The URL between the last `](` and the closing `)`.
    private static func inlineURL(_ markdown: Substring) -> String? {
        guard markdown.hasSuffix(")"), let range = markdown.range(of: "](", options: .backwards) else { return nil }
        return String(markdown[range.upperBound..<markdown.index(before: markdown.endIndex)])
    }

    /// http, https and mailto only; anything else (javascript:, data:, relative) is
    /// dropped, and so is a URL with spaces or quotes (Markdown link titles are not
    /// supported).
    static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        guard allowedSchemes.contains(scheme),
            !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" })
        else { return nil }
        return trimmed
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }

    static func escapeAttribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

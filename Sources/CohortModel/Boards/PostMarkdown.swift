import Foundation
import Ink

/// Markdown to safe HTML, with Ink. Ink passes raw HTML and any link URL through as
/// written, so its modifiers escape every HTML fragment, rebuild links with checked
/// and escaped URLs, and turn images into links (the CSP shows no outside images).
///
/// Ink also passes an `&` and whatever follows it up to a `;` through as written, as if
/// it were a character reference, markup included (`&a<img onerror=…>;`). So an `&`
/// that does not start a character reference is hidden from Ink behind a noncharacter
/// and written as `&amp;` afterwards.
public enum PostMarkdown {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]
    /// Stands for a literal `&` while Ink parses; a noncharacter, so never typed (`TypedText`).
    private static let literalAmpersand = Unicode.Scalar(0xFDD0)!

    public static func html(from source: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { _, markdown in escape(String(markdown)) })
        parser.addModifier(Modifier(target: .links) { html, markdown in link(html: html, markdown: markdown) })
        parser.addModifier(Modifier(target: .images) { _, markdown in image(markdown: markdown) })
        // Carriage returns and NUL bytes have no business in a post.
        var cleaned = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\0", with: "")
        // Ink reads a first line of exactly `---` as the start of a metadata block and
        // drops everything up to the next `---`; `***` is the same rule without that.
        let start = cleaned.firstIndex { !$0.isWhitespace } ?? cleaned.endIndex
        if cleaned[start...].hasPrefix("---\n") {
            cleaned.replaceSubrange(start..<cleaned.index(start, offsetBy: 3), with: "***")
        }
        var bareLinks = BareLinks()
        let html = parser.html(from: hidingLiteralAmpersands(bareLinks.extract(from: keepingDefinitionLines(cleaned))))
            .replacingOccurrences(of: String(Character(literalAmpersand)), with: "&amp;")
        return bareLinks.restore(in: html)
    }

    /// Ink takes a line `[name]: anything` that starts a block for a link definition
    /// and leaves it off the page. Reference links are not supported here (they show as
    /// their words), so such a line gets a backslash before its `[`, which Ink drops
    /// again. Lines in ``` code blocks are left as they are.
    private static func keepingDefinitionLines(_ text: String) -> String {
        guard text.contains("]:") else { return text }
        var inCode = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let content = line.drop { $0 == " " || $0 == "\t" }
            if content.hasPrefix("```") { inCode.toggle() }
            guard !inCode, content.hasPrefix("["), let close = content.firstIndex(of: "]"),
                  content[content.index(after: close)...].hasPrefix(":") else { return line }
            return line[..<content.startIndex] + "\\" + content
        }
        return lines.joined(separator: "\n")
    }

    private static func hidingLiteralAmpersands(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() where scalar != literalAmpersand {
            out.append(scalar == "&" && !startsCharacterReference(scalars, at: index) ? literalAmpersand : scalar)
        }
        return String(out)
    }

    /// Whether `&` at `index` starts `&name;`, `&#123;` or `&#x1F;`.
    private static func startsCharacterReference(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var position = index + 1
        func take(while accepts: (Unicode.Scalar) -> Bool, atMost limit: Int) -> Int {
            let start = position
            while position < scalars.count, position - start < limit, accepts(scalars[position]) { position += 1 }
            return position - start
        }
        let taken: Int
        if position < scalars.count, scalars[position] == "#" {
            position += 1
            if position < scalars.count, scalars[position] == "x" || scalars[position] == "X" {
                position += 1
                taken = take(while: { $0.properties.isASCIIHexDigit }, atMost: 6)
            } else {
                taken = take(while: { ("0"..."9").contains($0) }, atMost: 7)
            }
        } else {
            guard position < scalars.count, scalars[position].isASCII, scalars[position].properties.isAlphabetic else { return false }
            taken = take(while: { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }, atMost: 32)
        }
        return taken > 0 && position < scalars.count && scalars[position] == ";"
    }

    /// HTML rendered before `&` was hidden from Ink (see above), made safe without its
    /// source: every `&` that starts no character reference is escaped, and so is the
    /// markup Ink let through after it, up to the `;`.
    public static func repairingLiteralAmpersands(inRendered html: String) -> String {
        let scalars = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var insideRun = false
        for (index, scalar) in scalars.enumerated() {
            if insideRun {
                switch scalar {
                case "<": out.append(contentsOf: "&lt;".unicodeScalars)
                case ">": out.append(contentsOf: "&gt;".unicodeScalars)
                case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
                default: out.append(scalar)
                }
                if scalar == ";" || scalar.properties.isWhitespace { insideRun = false }
            } else if scalar == "&", !startsCharacterReference(scalars, at: index) {
                out.append(contentsOf: "&amp;".unicodeScalars)
                insideRun = true
            } else {
                out.append(scalar)
            }
        }
        return String(out)
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

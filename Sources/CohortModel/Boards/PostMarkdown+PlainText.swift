import Foundation

extension PostMarkdown {
    /// The words of rendered HTML, for the search index and its excerpts: tags go (the
    /// end of a block becomes a line break) and character references are read.
    static func plainText(fromHTML html: String) -> String {
        var text = "", tag = "", inTag = false
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                    if blockTags.contains(name) { text.append("\n") }
                } else {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
                tag = ""
            } else {
                text.append(character)
            }
        }
        return decodingReferences(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let blockTags: Set<String> = ["p", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "td", "th", "hr", "div"]

    /// `&amp;`, `&lt;`, `&#39;`, `&#x27;`: what the renderer writes.
    private static func decodingReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = "", rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[ampersand...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result.append("&")
                rest = after.dropFirst()
                continue
            }
            let name = after[after.index(after: ampersand)..<semicolon]
            if let decoded = named[String(name)] ?? numeric(name) {
                result.append(decoded)
            } else {
                result += after[...semicolon]
            }
            rest = after[after.index(after: semicolon)...]
        }
        return result + rest
    }

    private static let named: [String: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]

    private static func numeric(_ name: Substring) -> Character? {
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map(Character.init)
    }
}

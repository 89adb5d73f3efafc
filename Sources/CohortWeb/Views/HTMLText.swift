/// Escaping for text written into HTML outside the templates: the same five characters
/// the templates escape, with a fast path for the common text that has none of them.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        append(text, to: &escaped)
        return escaped
    }

    /// Appends `text` escaped, without building an intermediate string.
    static func append(_ text: String, to html: inout String) {
        guard text.utf8.contains(where: needsEscaping) else {
            html += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case "'": html += "&#39;"
            default: html.unicodeScalars.append(scalar)
            }
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

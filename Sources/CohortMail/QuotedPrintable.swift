/// Quoted-printable (RFC 2045 section 6.7) for text bodies: readable where the text is ASCII,
/// safe for any UTF-8, lines of at most 76 characters with soft breaks.
enum QuotedPrintable {
    private static let maxLine = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Encodes the text with CRLF line ends, whatever line ends it came with, because SMTP and
    /// RFC 5322 know no other.
    static func encode(_ text: String) -> String {
        let lines = text.split(omittingEmptySubsequences: false) { character in
            character == "\n" || character == "\r" || character == "\r\n"
        }
        return lines.map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast)
            let token: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            // Leave room for the "=" of a soft break unless this token ends the line.
            let limit = isLast ? maxLine : maxLine - 1
            if lineLength + token.count > limit {
                output += Array("=\r\n".utf8)
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
        return String(decoding: output, as: UTF8.self)
    }
}

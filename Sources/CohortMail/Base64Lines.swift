import Foundation

/// Base64 as MIME bodies want it: lines of 76 characters ending in CRLF (RFC 2045 section 6.8).
enum Base64Lines {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    static func lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(encode(bytes).utf8)
        var lines: [String] = []
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            lines.append(String(decoding: encoded[start..<end], as: UTF8.self))
            start = end
        }
        return lines.joined(separator: "\r\n")
    }
}

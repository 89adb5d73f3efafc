import Foundation

/// Decoders for what the renderer encodes, written from the RFCs rather than from the encoder.
enum MIMEDecoding {
    /// RFC 2047 B-encoded UTF-8 words, with the whitespace between adjacent words dropped.
    static func decodeWords(_ value: String) -> String {
        var output = ""
        var rest = Substring(value)
        var pendingSpace = ""
        while !rest.isEmpty {
            if rest.hasPrefix("=?UTF-8?B?"), let end = rest.dropFirst(10).range(of: "?=") {
                let payload = rest[rest.index(rest.startIndex, offsetBy: 10)..<end.lowerBound]
                let bytes = Data(base64Encoded: String(payload)) ?? Data()
                output += String(decoding: bytes, as: UTF8.self)
                rest = rest[end.upperBound...]
                pendingSpace = ""
                while rest.first == " " { pendingSpace.append(" "); rest = rest.dropFirst() }
                if !rest.hasPrefix("=?") { output += pendingSpace }
            } else {
                output.append(rest.removeFirst())
            }
        }
        return output
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var iterator = Array(joined.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

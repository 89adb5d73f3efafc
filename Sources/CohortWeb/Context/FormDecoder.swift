import CohortModel
import Foundation
import Hummingbird

/// Reads a posted form. Hummingbird's own decoder answers a malformed form with a
/// developer's message ("Type mismatch for `` key") or lets a non-form body through to
/// a 500; people get a sentence that says what to do instead.
public struct FormDecoder: RequestDecoder {
    static let unreadable = "The form could not be read: a field was repeated, misshapen or badly encoded. Reload the page and send it again."

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Send this form from its page, as application/x-www-form-urlencoded.")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            guard let form = Self.typeable(String(buffer: body)) else { throw HTTPError(.badRequest) }
            return try URLEncodedFormDecoder().decode(T.self, from: form)
        } catch {
            throw HTTPError(.badRequest, message: Self.unreadable)
        }
    }

    /// The form with every key and value decoded, stripped of what no one types
    /// (`TypedText`) and encoded again. Stripping after decoding means `%0%301`
    /// cannot turn into a control character; a NUL especially would slip an "empty"
    /// value past the schema's checks, as SQLite's LENGTH() stops at one. Nil when a
    /// part is not valid percent-encoded UTF-8.
    static func typeable(_ form: String) -> String? {
        guard mayHoldUntypeable(form) else { return form }
        var pairs: [String] = []
        for element in form.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = element.firstIndex(of: "=") else { continue }
            guard let key = percentDecoded(element[..<equals], plusIsSpace: false),
                  let value = percentDecoded(element[element.index(after: equals)...], plusIsSpace: true)
            else { return nil }
            pairs.append(encoded(TypedText.cleaned(key)) + "=" + encoded(TypedText.cleaned(value)))
        }
        return pairs.joined(separator: "&")
    }

    /// False when the form surely holds nothing `TypedText` drops or closes, as almost
    /// every form does: no control character but tab, LF and CR, no noncharacter, and
    /// no direction control (U+202A to U+202E, U+2066 to U+2069), encoded or raw.
    /// Decoding and encoding a form again is a tenth of a post's cost.
    private static func mayHoldUntypeable(_ form: String) -> Bool {
        let bytes = Array(form.utf8)
        /// The byte `%XX` at `index` encodes, if it is one.
        func encodedByte(at index: Int) -> UInt8? {
            guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: "%"),
                  let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
            return high << 4 | low
        }
        for (index, byte) in bytes.enumerated() {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte == 0xE2, index + 2 < bytes.count, isDirectionControl(bytes[index + 1], bytes[index + 2]) { return true }
            if byte == 0xEF, index + 1 < bytes.count, isNoncharacterStart(bytes[index + 1]) { return true }
            guard byte == UInt8(ascii: "%") else { continue }
            guard let encoded = encodedByte(at: index) else { return true }  // misshapen: the slow path refuses it
            switch encoded {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00...0x1F, 0x7F: return true
            case 0xEF where encodedByte(at: index + 3).map(isNoncharacterStart) == true: return true
            case 0xE2:
                if let second = encodedByte(at: index + 3), let third = encodedByte(at: index + 6),
                   isDirectionControl(second, third) { return true }
            default: continue
            }
        }
        return false
    }

    /// Whether EF followed by this byte may start a noncharacter (U+FDD0 to U+FDEF,
    /// U+FFFE, U+FFFF).
    private static func isNoncharacterStart(_ second: UInt8) -> Bool { second == 0xB7 || second == 0xBF }

    /// Whether E2 followed by these two bytes is U+202A to U+202E or U+2066 to U+2069.
    private static func isDirectionControl(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
    }

    /// Foundation's `removingPercentEncoding` drops a leading byte order mark, which
    /// is text someone typed (or pasted) and is kept here.
    private static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var input = text.utf8.makeIterator()
        while let byte = input.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = input.next().flatMap(hexValue), let low = input.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

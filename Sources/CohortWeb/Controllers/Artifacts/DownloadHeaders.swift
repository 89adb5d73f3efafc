import Foundation

/// `Range: bytes=a-b` for a file of `size` bytes (one range; video players ask for one).
struct ByteRange {
    let range: ClosedRange<Int>

    init?(_ header: String, size: Int) {
        guard size > 0, header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[0].isEmpty, let suffix = Int(spec[1]), suffix > 0 {
            range = max(0, size - suffix)...(size - 1)
        } else if let start = Int(spec[0]), start < size {
            let end = spec[1].isEmpty ? size - 1 : min(Int(spec[1]) ?? -1, size - 1)
            guard end >= start else { return nil }
            range = start...end
        } else {
            return nil
        }
    }
}

/// `Content-Disposition` with the original name as a display name only: quoted safely
/// for old clients and given in full as RFC 5987 UTF-8.
enum ContentDisposition {
    static func header(inline: Bool, fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? "file"
        return "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

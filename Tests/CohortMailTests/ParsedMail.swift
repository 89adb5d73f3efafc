import Foundation

/// Just enough of a mail reader to check what ``MailMessage/rendered()`` wrote, kept apart from
/// the code under test so that a mistake there cannot hide itself here.
struct ParsedMail {
    let raw: String
    /// Unfolded header lines of the top level, in order.
    let headers: [(name: String, value: String)]
    let body: String

    init(_ raw: String) {
        self.raw = raw
        let split = raw.range(of: "\r\n\r\n")
        let head = split.map { String(raw[..<$0.lowerBound]) } ?? raw
        body = split.map { String(raw[$0.upperBound...]) } ?? ""
        headers = ParsedMail.unfold(head)
    }

    static func unfold(_ head: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let last = result.popLast() {
                result.append((last.name, last.value + line))
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                result.append((String(line[..<colon]), String(value)))
            }
        }
        return result
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    var lines: [String] { raw.components(separatedBy: "\r\n") }

    /// The MIME parts between `--boundary` lines, each as header block and body.
    func parts(boundary: String, in text: String? = nil) -> [ParsedMail] {
        let source = text ?? body
        var pieces = source.components(separatedBy: "--\(boundary)")
        guard pieces.count > 2 else { return [] }
        pieces.removeFirst()
        pieces.removeLast()
        return pieces.map { piece in
            var part = piece
            if part.hasPrefix("\r\n") { part.removeFirst() }
            if part.hasSuffix("\r\n") { part.removeLast() }
            return ParsedMail(part)
        }
    }

    static func boundary(of contentType: String) -> String? {
        guard let range = contentType.range(of: "boundary=\"") else { return nil }
        let rest = contentType[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

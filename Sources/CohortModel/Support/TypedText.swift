/// Text as a person can type it. Control characters other than tab and line breaks
/// cannot be typed, break XML (Atom feeds) and collide with FTS5's snippet markers
/// (U+0002, U+0003), so they are dropped where text comes in and again where it goes
/// out in a format that forbids them.
///
/// Direction controls are kept (they are how mixed right-to-left text is typed), but
/// one left open, say an override (U+202E) in a name, would turn the page's own words
/// after it around. The text gets the closers it lacks at its end: it shows as typed,
/// and the override ends with it.
public enum TypedText {
    public static func isTypeable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F, 0x7F, 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: false  // controls and noncharacters
        default: true
        }
    }

    public static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isTypeable($0) || Direction($0)?.opens == true }) else { return text }
        var scalars = String.UnicodeScalarView()
        var open: [Direction] = []  // embeddings, overrides and isolates not yet closed, innermost last
        for scalar in text.unicodeScalars where isTypeable(scalar) {
            switch Direction(scalar) {
            case .embedding?: open.append(.embedding)
            case .isolate?: open.append(.isolate)
            case .popEmbedding?:
                // As in the Unicode bidi algorithm: a PDF closes nothing past an open isolate.
                if open.last == .embedding { open.removeLast() }
            case .popIsolate?:
                // A PDI closes the innermost open isolate and everything opened inside it.
                if let isolate = open.lastIndex(of: .isolate) { open.removeSubrange(isolate...) }
            case nil: break
            }
            scalars.append(scalar)
        }
        scalars.append(contentsOf: open.reversed().map(\.closer))
        return String(scalars)
    }

    /// The explicit direction controls of the Unicode bidi algorithm.
    private enum Direction {
        case embedding     // LRE, RLE, LRO, RLO: closed by PDF
        case isolate       // LRI, RLI, FSI: closed by PDI
        case popEmbedding  // PDF
        case popIsolate    // PDI

        init?(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E: self = .embedding
            case 0x2066, 0x2067, 0x2068: self = .isolate
            case 0x202C: self = .popEmbedding
            case 0x2069: self = .popIsolate
            default: return nil
            }
        }

        var opens: Bool { self == .embedding || self == .isolate }
        var closer: Unicode.Scalar { self == .embedding ? "\u{202C}" : "\u{2069}" }
    }
}

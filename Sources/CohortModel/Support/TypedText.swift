/// Text as a person can type it. Control characters other than tab and line breaks
/// cannot be typed, break XML (Atom feeds) and collide with FTS5's snippet markers
/// (U+0002, U+0003), so they are dropped where text comes in and again where it goes
/// out in a format that forbids them.
public enum TypedText {
    public static func isTypeable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F, 0x7F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    public static func cleaned(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isTypeable) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter(isTypeable))
        return String(scalars)
    }
}

/// The kinds of file an artifact may carry, recognised by their first bytes and
/// required to agree with the name's extension: a file called .pdf that holds HTML
/// is refused.
public enum FileType: String, Sendable, CaseIterable {
    case pdf, png, jpeg, gif, webp, docx, xlsx, pptx, doc, text, mp4, webm

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .doc: "application/msword"
        case .text: "text/plain; charset=utf-8"
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        }
    }

    public var isImage: Bool { [.png, .jpeg, .gif, .webp].contains(self) }
    public var isVideo: Bool { [.mp4, .webm].contains(self) }

    static let extensions: [String: FileType] = [
        "pdf": .pdf, "png": .png, "jpg": .jpeg, "jpeg": .jpeg, "gif": .gif, "webp": .webp,
        "docx": .docx, "xlsx": .xlsx, "pptx": .pptx, "doc": .doc, "txt": .text, "md": .text, "csv": .text,
        "mp4": .mp4, "m4v": .mp4, "mov": .mp4, "webm": .webm,
    ]

    public static var acceptedExtensions: String {
        extensions.keys.sorted().map { "." + $0 }.joined(separator: ",")
    }

    /// The type a file name claims, by its extension. Direction closers that
    /// `TypedText` added at the end of the name are not part of it.
    static func claimed(byName name: String) -> FileType? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let suffix = name[name.index(after: dot)...].unicodeScalars.reversed().drop { $0 == "\u{202C}" || $0 == "\u{2069}" }
        return extensions[String(String.UnicodeScalarView(suffix.reversed())).lowercased()]
    }

    /// Whether the first bytes of a file fit this type.
    func matches(head: [UInt8]) -> Bool {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        switch self {
        case .pdf: return starts(Array("%PDF-".utf8))
        case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: return starts([0xFF, 0xD8, 0xFF])
        case .gif: return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
        case .webp: return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case .docx, .xlsx, .pptx: return starts([0x50, 0x4B, 0x03, 0x04])
        case .doc: return starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        case .mp4: return starts(Array("ftyp".utf8), at: 4)
        case .webm: return starts([0x1A, 0x45, 0xDF, 0xA3])
        case .text: return Self.isPlainText(head)
        }
    }

    /// UTF-8 without NUL bytes, and not a web page in disguise.
    static func isPlainText(_ head: [UInt8]) -> Bool {
        guard !head.contains(0) else { return false }
        // The head may end inside a character: allow an incomplete last sequence.
        var bytes = head[...]
        while let last = bytes.last, last & 0xC0 == 0x80 || last >= 0xC0, bytes.count > max(0, head.count - 4) {
            if String(validating: bytes, as: UTF8.self) != nil { break }
            bytes = bytes.dropLast()
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        let start = text.drop { $0.isWhitespace }.prefix(64).lowercased()
        return !(start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.hasPrefix("<script")
            || start.hasPrefix("<svg") || start.hasPrefix("<?xml"))
    }
}

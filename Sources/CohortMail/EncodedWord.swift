/// RFC 2047 encoded-words (`=?UTF-8?B?...?=`) for header text that is not plain ASCII.
enum EncodedWord {
    /// RFC 2047 section 2: an encoded-word may not be longer than 75 characters.
    static let maxLength = 75
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// The text as encoded-words, to be separated by folding whitespace (which decoders drop
    /// between adjacent encoded-words). The first word is shortened so that it fits on the header's
    /// first line after `firstLineUsed` octets; each later word goes on a line of its own.
    /// Words break between characters, never inside one, as section 5 requires.
    static func encode(_ text: String, firstLineUsed: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var budget = payloadBytes(room: HeaderText.softLimit - firstLineUsed)
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(prefix + Base64Lines.encode(chunk) + suffix)
            chunk = []
            budget = payloadBytes(room: HeaderText.softLimit - 1)
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > budget { flush() }
            if bytes.count <= budget {
                chunk += bytes
                continue
            }
            // A single character longer than a word (a long emoji sequence) is split between
            // its Unicode scalars, which still keeps every word valid UTF-8.
            for scalar in character.unicodeScalars {
                let scalarBytes = Array(String(scalar).utf8)
                if chunk.count + scalarBytes.count > budget { flush() }
                chunk += scalarBytes
            }
        }
        flush()
        return words.isEmpty ? [prefix + suffix] : words
    }

    /// How many UTF-8 bytes fit in one word that must stay within `room` characters.
    private static func payloadBytes(room: Int) -> Int {
        let length = min(maxLength, room) - prefix.count - suffix.count
        return max(length / 4, 1) * 3
    }
}

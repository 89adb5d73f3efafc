/// Header lines as RFC 5322 wants them: one logical line per header that nothing given to us can
/// end early, folded to 78 octets where there is a space to fold at, ASCII only.
enum HeaderText {
    /// RFC 5322's "should" limit; lines are folded to stay within it.
    static let softLimit = 78
    /// RFC 5322's "must" limit; a plain value whose words cannot fit is sent as encoded-words.
    static let hardLimit = 998

    /// CR and LF are what header injection needs, but NEL, the Unicode line separators and the
    /// other C0/C1 controls are treated the same because some programs end lines on them too.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// The value with every control character replaced by a space, so it stays one header line.
    static func sanitised(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            scalars.append(isControl(scalar) ? " " : scalar)
        }
        return String(scalars)
    }

    /// A field name keeps only the characters RFC 5322 allows (printable ASCII but the colon),
    /// so an extra header cannot be named "X\r\nBcc".
    static func fieldName(_ name: String) -> String {
        String(name.unicodeScalars.filter { (33...126).contains($0.value) && $0 != ":" }.map(Character.init))
    }

    /// `Name: word word ...` with CRLF, folding before a word whenever the line would pass 78.
    static func line(_ name: String, words: [String]) -> String {
        var lines: [String] = []
        var current = name + ":"
        var currentHasWord = false
        for word in words where !word.isEmpty {
            if currentHasWord && current.utf8.count + 1 + word.utf8.count > softLimit {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
            currentHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// An unstructured header (Subject, extra headers). Plain ASCII stays readable; anything else,
    /// including text that merely looks like an encoded-word, becomes RFC 2047 encoded-words.
    /// Runs of spaces collapse to one, which folding needs and nobody reads differently.
    static func unstructured(_ name: String, _ value: String) -> String {
        let text = sanitised(value).trimmingSpaces
        let words = text.split(separator: " ").map(String.init)
        let room = hardLimit - name.utf8.count - 2
        let plain = text.unicodeScalars.allSatisfy(\.isASCII) && !text.contains("=?")
            && words.allSatisfy { $0.utf8.count <= room }
        if plain {
            return line(name, words: words)
        }
        return line(name, words: EncodedWord.encode(text, firstLineUsed: name.utf8.count + 2))
    }

    /// A mailbox header (From, To): `Name <addr>`, with the name quoted when it holds specials and
    /// encoded when it is not ASCII or would not fit on one line.
    static func mailbox(_ name: String, _ mailbox: MailAddress) -> String {
        let address = mailbox.safeAddress
        let displayName = sanitised(mailbox.name ?? "").trimmingSpaces
        guard !displayName.isEmpty else {
            return line(name, words: [address])
        }
        if displayName.unicodeScalars.allSatisfy(\.isASCII) && !displayName.contains("=?") {
            let phrase = needsQuoting(displayName) ? quoted(displayName) : displayName
            let single = "\(name): \(phrase) <\(address)>"
            if single.utf8.count <= softLimit {
                return single + "\r\n"
            }
        }
        let words = EncodedWord.encode(displayName, firstLineUsed: name.utf8.count + 2)
        return line(name, words: words + ["<\(address)>"])
    }

    /// RFC 5322 atext plus the space between words; anything else must be quoted in a phrase.
    private static func needsQuoting(_ phrase: String) -> Bool {
        let atextSpecials = Set("!#$%&'*+-/=?^_`{|}~ ".unicodeScalars)
        return !phrase.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic && scalar.isASCII)
                || ("0"..."9").contains(scalar) || atextSpecials.contains(scalar)
        }
    }

    private static func quoted(_ phrase: String) -> String {
        var escaped = ""
        for character in phrase {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"" + escaped + "\""
    }
}

/// One relay reply, which may span several lines (`250-first`, `250 last`).
struct SMTPReply: Sendable {
    var code: Int
    /// The text of each line, after the code and its separator.
    var lines: [String]

    /// `451 4.3.0 the text`, the form an admin page shows.
    var summary: String {
        ([String(code)] + lines.filter { !$0.isEmpty }).joined(separator: " ")
    }

    /// The EHLO keywords, upper-cased (`STARTTLS`, `AUTH PLAIN LOGIN`, ...); the first line is the
    /// relay's greeting, not an extension.
    var extensions: [String] {
        lines.dropFirst().map { $0.uppercased() }
    }

    func offers(_ keyword: String) -> Bool {
        extensions.contains { $0 == keyword || $0.hasPrefix(keyword + " ") }
    }

    /// Mechanisms from `AUTH PLAIN LOGIN`, and from the older `AUTH=PLAIN` some relays still send.
    var authMechanisms: Set<String> {
        var mechanisms = Set<String>()
        for line in extensions where line.hasPrefix("AUTH ") || line.hasPrefix("AUTH=") {
            mechanisms.formUnion(line.dropFirst(5).split(separator: " ").map(String.init))
        }
        return mechanisms
    }
}

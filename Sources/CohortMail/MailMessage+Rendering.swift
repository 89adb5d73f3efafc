extension MailMessage {
    /// The whole RFC 5322 message as a String that is pure ASCII (every non-ASCII character is
    /// encoded), with CRLF line ends, no line over 998 octets and header lines folded to 78.
    /// The SMTP client dot-stuffs it; the development mailbox writes it as it is.
    public func rendered() -> String {
        var lines = [
            "Date: \(RFC5322Date.string(from: date))\r\n",
            HeaderText.mailbox("From", from),
            HeaderText.mailbox("To", to),
            HeaderText.unstructured("Subject", subject),
            HeaderText.line("Message-ID", words: ["<\(safeMessageID)>"]),
            "MIME-Version: 1.0\r\n",
        ]
        for header in headers {
            let name = HeaderText.fieldName(header.name)
            guard !name.isEmpty, !Self.ownHeaderNames.contains(name.lowercased()),
                  !name.lowercased().hasPrefix("content-") else { continue }
            lines.append(HeaderText.unstructured(name, header.value))
        }
        return lines.joined() + bodyPart.rendered + "\r\n"
    }

    /// The message ID as it may stand between angle brackets: no controls, spaces or brackets.
    var safeMessageID: String {
        let id = MailAddress(messageID).safeAddress
        return id.isEmpty ? "missing-id@cohort.invalid" : id
    }

    private static let ownHeaderNames: Set<String> = ["date", "from", "to", "subject", "message-id", "mime-version"]

    private var bodyPart: MIMEPart {
        var body = MIMEPart.text(textBody, subtype: "plain")
        if let htmlBody {
            body = .multipart("alternative", boundary: boundary("alternative"), parts: [body, .text(htmlBody, subtype: "html")])
        }
        guard !attachments.isEmpty else { return body }
        return .multipart("mixed", boundary: boundary("mixed"), parts: [body] + attachments.map(MIMEPart.attachment))
    }

    /// Derived from the message ID so that rendering the same message twice gives the same bytes;
    /// safety against collisions comes from the "=_" prefix (see ``MIMEPart/multipart``).
    private func boundary(_ level: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (level + "|" + messageID).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "=_cohort_\(level)_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

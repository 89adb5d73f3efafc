/// One entity of a MIME tree: its header lines and its already-encoded body.
struct MIMEPart {
    /// Each header complete with its CRLF.
    var headers: [String]
    /// Encoded body without a final CRLF; the enclosing structure adds the line ends it needs.
    var body: String

    var rendered: String {
        headers.joined() + "\r\n" + body
    }

    static func text(_ text: String, subtype: String) -> MIMEPart {
        MIMEPart(
            headers: [
                "Content-Type: text/\(subtype); charset=utf-8\r\n",
                "Content-Transfer-Encoding: quoted-printable\r\n",
            ],
            body: QuotedPrintable.encode(text)
        )
    }

    static func attachment(_ attachment: MailAttachment) -> MIMEPart {
        var type = HeaderText.sanitised(attachment.contentType).trimmingSpaces
        while type.hasSuffix(";") { type.removeLast() }
        let typeWords = ((type.isEmpty ? "application/octet-stream" : type) + ";").split(separator: " ").map(String.init)
        let filename = FilenameParameter(attachment.filename)
        return MIMEPart(
            headers: [
                HeaderText.line("Content-Type", words: typeWords + filename.parameters("name")),
                HeaderText.line("Content-Disposition", words: ["attachment;"] + filename.parameters("filename")),
                "Content-Transfer-Encoding: base64\r\n",
            ],
            body: Base64Lines.lines(attachment.data)
        )
    }

    /// The boundary starts with "=_", which can never occur in quoted-printable or base64 output,
    /// so the parts cannot contain it whatever they say; the caller gives each level its own.
    static func multipart(_ subtype: String, boundary: String, parts: [MIMEPart]) -> MIMEPart {
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\n" + part.rendered + "\r\n"
        }
        body += "--\(boundary)--"
        return MIMEPart(
            headers: [HeaderText.line("Content-Type", words: ["multipart/\(subtype);", "boundary=\"\(boundary)\""])],
            body: body
        )
    }
}

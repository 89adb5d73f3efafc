import Testing
@testable import CohortMail

@Suite("Header injection is refused")
struct HeaderInjectionTests {
    /// The names a rendered message may carry at its top level; anything else is a smuggled header.
    private let expected: Set<String> = [
        "date", "from", "to", "subject", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "x-note",
    ]

    private func headerNames(_ raw: String) -> [String] {
        ParsedMail(raw).headers.map { $0.name.lowercased() }
    }

    @Test("CR LF in a display name, subject and extra header adds no header line")
    func crlfEverywhere() {
        var message = MailFixtures.plain(subject: "Hello\r\nBcc: victim@example.com")
        message.from = MailAddress("eve@example.com", name: "Eve\r\nBcc: x@y")
        message.to = MailAddress("bob@example.com", name: "Bob\nReply-To: eve@example.com")
        message.headers = [("X-Note", "fine\r\nBcc: x@y"), ("X-Evil\r\nBcc", "x@y")]
        let raw = message.rendered()
        let lines = raw.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") || $0.lowercased().hasPrefix("reply-to:") })
        #expect(Set(headerNames(raw)).isSubset(of: expected.union(["x-evilbcc"])))
        let mail = ParsedMail(raw)
        #expect(mail.header("From") == #""Eve  Bcc: x@y" <eve@example.com>"#)
        #expect(mail.header("Subject") == "Hello Bcc: victim@example.com")
        #expect(mail.header("X-Note") == "fine Bcc: x@y")
        #expect(mail.header("X-EvilBcc") == "x@y")
    }

    @Test("a bare CR, NEL or Unicode line separator is removed too")
    func otherLineBreaks() {
        let message = MailFixtures.plain(subject: "a\rBcc: x@y\u{85}Bcc: z@y\u{2028}Bcc: w@y")
        let raw = message.rendered()
        #expect(!raw.components(separatedBy: "\r\n").contains { $0.lowercased().hasPrefix("bcc:") })
        #expect(raw.utf8.allSatisfy { $0 < 128 && ($0 >= 32 || $0 == 13 || $0 == 10) })
        let subject = MIMEDecoding.decodeWords(ParsedMail(raw).header("Subject") ?? "")
        #expect(subject == "a Bcc: x@y Bcc: z@y Bcc: w@y")
    }

    @Test("an address cannot close its angle brackets or end the line")
    func hostileAddress() {
        var message = MailFixtures.plain()
        message.to = MailAddress("bob@example.com>\r\nBcc: <x@y", name: nil)
        message.messageID = "1@x>\r\nBcc: y@z"
        let raw = message.rendered()
        #expect(!raw.components(separatedBy: "\r\n").contains { $0.lowercased().hasPrefix("bcc:") })
        #expect(ParsedMail(raw).header("To") == "bob@example.comBcc:x@y")
        #expect(ParsedMail(raw).header("Message-ID") == "<1@xBcc:y@z>")
    }

    @Test("extra headers cannot replace the ones the message writes")
    func noOverrides() {
        var message = MailFixtures.plain()
        message.headers = [("From", "boss@example.com"), ("content-type", "text/html"), ("Subject", "x"), ("X-Note", "kept")]
        let mail = ParsedMail(message.rendered())
        #expect(mail.headers(named: "From") == ["Cohort <noreply@cohort.localhost>"])
        #expect(mail.headers(named: "Content-Type") == ["text/plain; charset=utf-8"])
        #expect(mail.headers(named: "Subject") == ["Welcome to Cohort"])
        #expect(mail.header("X-Note") == "kept")
    }
}

import Foundation
import Testing
@testable import CohortMail

@Suite("MailMessage.rendered()")
struct MailMessageRenderingTests {
    @Test("every line ends in CRLF, whatever line ends the bodies used")
    func crlfOnly() {
        var message = MailFixtures.full()
        message.textBody = "one\ntwo\r\nthree\rfour"
        let raw = message.rendered()
        let bytes = Array(raw.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") { #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r")) }
            if byte == UInt8(ascii: "\r") { #expect(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) }
        }
        #expect(raw.hasSuffix("\r\n"))
        let text = ParsedMail(raw).body
        #expect(text.contains("one\r\ntwo\r\nthree\r\nfour"))
    }

    @Test("the message is ASCII and no line passes 78 octets")
    func lineLengths() {
        var message = MailFixtures.full()
        message.subject += " " + String(repeating: "x", count: 1500)
        message.from = MailAddress("noreply@cohort.localhost", name: String(repeating: "Cohort, the course site ", count: 6))
        let raw = message.rendered()
        #expect(raw.utf8.allSatisfy { $0 < 128 })
        let long = ParsedMail(raw).lines.filter { $0.utf8.count > 78 }
        #expect(long.isEmpty, "lines over 78: \(long)")
        let from = MIMEDecoding.decodeWords(ParsedMail(raw).header("From") ?? "")
        #expect(from == String(repeating: "Cohort, the course site ", count: 6).trimmingCharacters(in: .whitespaces) + " <noreply@cohort.localhost>")
    }

    @Test("a non-ASCII display name becomes one known-good encoded-word")
    func encodedName() throws {
        let mail = ParsedMail(MailFixtures.plain().rendered())
        #expect(mail.lines.contains("To: =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <zoe@example.com>"))
        let to = try #require(mail.header("To"))
        #expect(MIMEDecoding.decodeWords(to) == "Zoë Ångström <zoe@example.com>")
        #expect(mail.header("From") == "Cohort <noreply@cohort.localhost>")
    }

    @Test("a long non-ASCII subject folds into encoded-words of at most 75 characters that decode back")
    func longSubject() throws {
        let raw = MailFixtures.plain(subject: MailFixtures.longSubject).rendered()
        let subjectLines = raw.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }
            .prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 2)
        let words = subjectLines.flatMap { $0.split(separator: " ") }.filter { $0.hasPrefix("=?") }
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        #expect(subjectLines.allSatisfy { $0.utf8.count <= 78 })
        let subject = try #require(ParsedMail(raw).header("Subject"))
        #expect(MIMEDecoding.decodeWords(subject) == MailFixtures.longSubject)
    }

    @Test("a plain ASCII subject stays readable and one that looks encoded is encoded")
    func plainSubject() {
        #expect(ParsedMail(MailFixtures.plain().rendered()).header("Subject") == "Welcome to Cohort")
        let tricky = ParsedMail(MailFixtures.plain(subject: "=?UTF-8?B?SGk=?= hi").rendered())
        #expect(tricky.header("Subject")?.hasPrefix("=?UTF-8?B?") == true)
        #expect(MIMEDecoding.decodeWords(tricky.header("Subject") ?? "") == "=?UTF-8?B?SGk=?= hi")
    }

    @Test("display names with specials are quoted and escaped")
    func quotedNames() {
        var message = MailFixtures.plain()
        message.from = MailAddress("admin@cohort.localhost", name: #"Smith, "Jo" (admin)"#)
        message.to = MailAddress("bo@example.com", name: "Bo Li")
        let mail = ParsedMail(message.rendered())
        #expect(mail.header("From") == #""Smith, \"Jo\" (admin)" <admin@cohort.localhost>"#)
        #expect(mail.header("To") == "Bo Li <bo@example.com>")
    }

    @Test("quoted-printable escapes =, keeps lines to 76 with soft breaks, and decodes back")
    func quotedPrintable() {
        let text = "sum: 1+1=2 \n" + String(repeating: "é", count: 60) + "\n" + String(repeating: "abc ", count: 50)
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded.hasPrefix("sum: 1+1=3D2=20\r\n"))
        #expect(encoded.contains("=\r\n"))
        #expect(encoded.contains("=C3=A9"))
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        let hexDigits = Set("0123456789ABCDEF".utf8)
        for line in encoded.components(separatedBy: "\r\n") {
            // Apart from a final soft-break "=", every "=" must start a whole escape on its line.
            let body = line.hasSuffix("=") ? Array(line.utf8.dropLast()) : Array(line.utf8)
            for (index, byte) in body.enumerated() where byte == UInt8(ascii: "=") {
                #expect(index + 2 < body.count && hexDigits.contains(body[index + 1]) && hexDigits.contains(body[index + 2]),
                        "escape split in \(line)")
            }
        }
        #expect(MIMEDecoding.decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("html and an attachment give mixed around alternative, with distinct boundaries and parts in order")
    func multipart() throws {
        let mail = ParsedMail(MailFixtures.full().rendered())
        let mixed = try #require(ParsedMail.boundary(of: mail.header("Content-Type") ?? ""))
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/mixed;") == true)
        #expect(mail.lines.filter { $0 == "--\(mixed)" }.count == 2)
        #expect(mail.lines.filter { $0 == "--\(mixed)--" }.count == 1)
        let outer = mail.parts(boundary: mixed)
        try #require(outer.count == 2)
        let alternative = try #require(ParsedMail.boundary(of: outer[0].header("Content-Type") ?? ""))
        #expect(alternative != mixed)
        #expect(!alternative.contains(mixed) && !mixed.contains(alternative))
        let bodies = outer[0].parts(boundary: alternative)
        try #require(bodies.count == 2)
        #expect(bodies[0].header("Content-Type") == "text/plain; charset=utf-8")
        #expect(bodies[1].header("Content-Type") == "text/html; charset=utf-8")
        #expect(bodies.allSatisfy { $0.header("Content-Transfer-Encoding") == "quoted-printable" })
        #expect(MIMEDecoding.decodeQuotedPrintable(bodies[1].body) == "<p>Bonjour <b>Zoë</b>,</p>\r\n<p>sum: 1+1=2</p>")
        #expect(MIMEDecoding.decodeQuotedPrintable(bodies[0].body).hasPrefix("Bonjour Zoë,\r\n.a line"))
    }

    @Test("the ics attachment is base64 in 76-character lines with its type and file name")
    func attachment() throws {
        var message = MailFixtures.full()
        message.attachments[0].data = MailFixtures.invitation + Array(repeating: UInt8(ascii: "x"), count: 300)
        let mail = ParsedMail(message.rendered())
        let part = try #require(mail.parts(boundary: ParsedMail.boundary(of: mail.header("Content-Type") ?? "") ?? "").last)
        #expect(part.header("Content-Type") == #"text/calendar; method=PUBLISH; name="invite.ics""#)
        #expect(part.header("Content-Disposition") == #"attachment; filename="invite.ics""#)
        #expect(part.header("Content-Transfer-Encoding") == "base64")
        let lines = part.body.components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(lines[0].hasPrefix("QkVHSU46VkNBTEVOREFS"))
        #expect(Data(base64Encoded: lines.joined()).map(Array.init) == message.attachments[0].data)
    }

    @Test("a non-ASCII file name gets an RFC 2231 parameter beside an ASCII one")
    func foreignFilename() {
        var message = MailFixtures.full()
        message.attachments[0].filename = "réunion\r\n\"x\"/../a.ics"
        let raw = message.rendered()
        let part = ParsedMail(raw).parts(boundary: ParsedMail.boundary(of: ParsedMail(raw).header("Content-Type") ?? "") ?? "").last
        #expect(part?.header("Content-Disposition") == #"attachment; filename="r_union x..a.ics"; filename*=UTF-8''r%C3%A9union%20x..a.ics"#)
    }

    @Test("Message-ID, Date, MIME-Version and the extra headers are written once each")
    func standardHeaders() {
        let mail = ParsedMail(MailFixtures.full().rendered())
        #expect(mail.headers(named: "Message-ID") == ["<42.k3j4h@cohort.localhost>"])
        #expect(mail.headers(named: "Date") == ["Thu, 01 Jan 2026 00:00:00 +0000"])
        #expect(mail.headers(named: "MIME-Version") == ["1.0"])
        #expect(mail.header("List-Unsubscribe") == "<https://cohort.localhost/unsubscribe/abc123>")
        #expect(mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
    }

    @Test("rendering the same message twice gives the same text")
    func deterministic() {
        #expect(MailFixtures.full().rendered() == MailFixtures.full().rendered())
    }

    @Test("DATA dot-stuffs lines that start with a dot and ends with CRLF.CRLF")
    func dotStuffing() {
        var payload = SMTPDialogue.dataPayload("Subject: x\r\n\r\n.hidden\r\n..two\r\nend.\r\n")
        let text = payload.readString(length: payload.readableBytes)
        #expect(text == "Subject: x\r\n\r\n..hidden\r\n...two\r\nend.\r\n.\r\n")
    }
}

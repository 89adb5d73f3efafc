import Foundation
@testable import CohortMail

/// Messages the tests share: one of each shape the app sends.
enum MailFixtures {
    /// 2026-01-01 00:00:00 UTC, a Thursday.
    static let newYear = Date(timeIntervalSince1970: 1_767_225_600)

    static let longSubject = "Réunion de l'équipe pédagogique : ordre du jour, salle et horaires révisés pour la séance de jeudi 🎓"

    static let invitation = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n".utf8)

    static func plain(id: String = "42.k3j4h@cohort.localhost", subject: String = "Welcome to Cohort", text: String = "Hello.\n") -> MailMessage {
        MailMessage(
            messageID: id,
            from: MailAddress("noreply@cohort.localhost", name: "Cohort"),
            to: MailAddress("zoe@example.com", name: "Zoë Ångström"),
            subject: subject,
            date: newYear,
            textBody: text
        )
    }

    static func full() -> MailMessage {
        var message = plain(subject: longSubject, text: "Bonjour Zoë,\n.a line that starts with a dot\nsum: 1+1=2\n" + String(repeating: "long ", count: 40))
        message.htmlBody = "<p>Bonjour <b>Zoë</b>,</p>\n<p>sum: 1+1=2</p>"
        message.attachments = [MailAttachment(filename: "invite.ics", contentType: "text/calendar; method=PUBLISH", data: invitation)]
        message.headers = [
            ("List-Unsubscribe", "<https://cohort.localhost/unsubscribe/abc123>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("Auto-Submitted", "auto-generated"),
        ]
        return message
    }
}

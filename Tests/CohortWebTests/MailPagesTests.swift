import CohortMail
@testable import CohortModel
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct MailPagesTests {
    func outbox(_ world: TestWorld) async throws -> [OutboxMessage] {
        try await world.database.reader.read { db in try OutboxMessage.order(Column("id")).fetchAll(db) }
    }

    @Test func forgotYourPasswordAnswersAlikeForEveryAddressAndItsLinkEndsEverySession() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            var old = WebSession(client)
            try await old.signIn("ed@school.org")
            #expect(try await old.get("/").status == .ok)

            var visitor = WebSession(client)
            _ = try await visitor.get("/password-reset")
            let known = try await visitor.post("/password-reset", ["email": "ed@school.org"])
            let unknown = try await visitor.post("/password-reset", ["email": "nobody@school.org"])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.text.contains("Check your mail") && unknown.text.contains("Check your mail"))
            #expect(try await visitor.post("/password-reset", ["email": "not an address"]).status == .unprocessableContent)

            let mails = try await outbox(world)
            #expect(mails.map(\.toAddress) == ["ed@school.org"])
            let path = try #require(mails.first?.content.action?.path)
            let form = try await visitor.get(path)
            #expect(form.status == .ok && form.text.contains("Choose a new password"))
            let mismatch = try await visitor.post(path, ["password": "a long new passphrase", "passwordConfirmation": "other"])
            #expect(mismatch.status == .unprocessableContent)
            let done = try await visitor.post(path, ["password": "a long new passphrase", "passwordConfirmation": "a long new passphrase"])
            #expect(done.status == .seeOther && done.location == "/login")

            #expect(try await old.get("/").location?.hasPrefix("/login") == true)
            #expect(try await visitor.get(path).status == .gone)
            var again = WebSession(client)
            try await again.signIn("ed@school.org", password: "a long new passphrase")
            #expect(try await again.get("/").status == .ok)
        }
    }

    @Test func askingTooOftenIsRefusedWithAWait() async throws {
        var world = try await TestWorld()
        world.settings.passwordResetThrottle = LoginThrottle(maxPerAccount: 2, maxPerAddress: 10)
        try await world.test { client in
            var visitor = WebSession(client)
            _ = try await visitor.get("/password-reset")
            for _ in 0..<2 { #expect(try await visitor.post("/password-reset", ["email": "ed@school.org"]).status == .ok) }
            let third = try await visitor.post("/password-reset", ["email": "ed@school.org"])
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[.retryAfter] != nil)
        }
        #expect(try await outbox(world).count == 2)
    }

    @Test func aClosedAccountCannotSignInAndAnAdminCanOpenItAgain() async throws {
        let world = try await TestWorld()
        let ed = try #require(try await world.database.user(email: "ed@school.org"))
        try await world.test { client in
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            #expect(try await admin.get("/admin/people/\(ed.id!)").text.contains("Close this account"))
            #expect(try await admin.post("/admin/people/\(ed.id!)/deactivate").status == .seeOther)
            var edSession = WebSession(client)
            _ = try await edSession.get("/login")
            let refused = try await edSession.post("/login", ["email": "ed@school.org", "password": demoPassword])
            #expect(refused.status == .forbidden && refused.text.contains("This account is closed"))
            #expect(try await admin.post("/admin/people/\(ed.id!)/reactivate").status == .seeOther)
            try await edSession.signIn("ed@school.org")
            #expect(try await edSession.get("/").status == .ok)
            #expect(try await admin.post("/admin/people/\(ed.id!)/password-reset").status == .seeOther)
        }
        #expect(try await outbox(world).map(\.kind) == [.passwordReset])
    }

    @Test func oneClickUnsubscribeWorksWithoutASessionOrAFormToken() async throws {
        let world = try await TestWorld()
        let ed = try await world.database.viewer(userId: try #require(try await world.database.user(email: "ed@school.org")).id!)
        let cohort = try await world.database.createCohort(name: "Alpha", programId: try await world.database.builtInProgram().id!,
                                                           startsOn: CalendarDay("2026-08-17")!, meetingHour: 17, timeZone: .gmt, by: nil)
        try await world.database.enrol(userId: ed.id, in: cohort.id!, as: .participant, by: nil)
        // A meeting reminder carries the person's unsubscribe link.
        try await world.database.queueReminders(now: CalendarDay("2026-09-07")!.at(hour: 8, minute: 0, in: .gmt))
        let path = try #require(try await outbox(world).first?.content.unsubscribe?.path)
        try await world.test { client in
            let shown = try await client.execute(uri: path, method: .get)
            #expect(shown.status == .ok && String(buffer: shown.body).contains("Stop these mails"))
            #expect(try await world.database.mailPreferences(userId: ed.id)[.meetings] == .immediately)
            let clicked = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(clicked.status == .ok && String(buffer: clicked.body).contains("You are unsubscribed"))
            let crossSite = try await client.execute(uri: path, method: .post,
                                                     headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"],
                                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(crossSite.status == .forbidden)
        }
        #expect(try await world.database.mailPreferences(userId: ed.id)[.meetings] == .off)
    }

    @Test func aComposedMailEscapesItsHTMLAndCarriesFullLinksTheUnsubscribeHeadersAndTheMeeting() async throws {
        let composer = try await MailComposer(templatesDirectory: resourcesDirectory + "/templates",
                                              from: MailAddress("cohort@school.org", name: "Cohort"),
                                              site: SiteAddress("https://cohort.school.org"))
        let content = MailContent(
            subject: "Eve <script> replied", greeting: "Hello Ada,", paragraphs: ["<b>bold</b> & more"],
            action: .init(label: "Open in Cohort", path: "/threads/1#post-2"),
            meeting: .init(uid: "cohort-1-session-2@cohort", title: "Session 2", startsAt: Date(timeIntervalSince1970: 1_790_000_000),
                           durationMinutes: 120, link: nil),
            unsubscribe: .init(topics: [.reply], path: "/mail/unsubscribe/abc/reply"))
        let outbox = OutboxMessage(userId: 1, toAddress: "ada@school.org", toName: "Ada", kind: .notification, content: content,
                                   messageId: "17.abc", state: .queued, attempts: 0, createdAt: Date(timeIntervalSince1970: 1_790_000_000),
                                   nextAttemptAt: Date(), sentAt: nil, lastError: nil)
        let message = composer.message(for: outbox)
        #expect(message.messageID == "17.abc@school.org")
        #expect(message.textBody.contains("Open in Cohort: https://cohort.school.org/threads/1#post-2"))
        #expect(message.textBody.contains("<b>bold</b> & more"))
        let html = try #require(message.htmlBody)
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more") && !html.contains("<b>bold"))
        #expect(html.contains("Eve &lt;script&gt; replied"))
        #expect(message.headers.contains { $0.name == "List-Unsubscribe" && $0.value == "<https://cohort.school.org/mail/unsubscribe/abc/reply>" })
        #expect(message.headers.contains { $0.name == "List-Unsubscribe-Post" && $0.value == "List-Unsubscribe=One-Click" })
        let calendar = String(decoding: try #require(message.attachments.first).data, as: UTF8.self)
        #expect(calendar.contains("UID:cohort-1-session-2@cohort") && calendar.contains("DTSTART:20260921T141320Z"))
    }
}

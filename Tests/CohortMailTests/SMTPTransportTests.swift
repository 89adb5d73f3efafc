import Foundation
import Testing
@testable import CohortMail

/// Against a real relay (aiosmtpd). Serialized because each test starts a Python process and the
/// machine has two cores.
@Suite("SMTPTransport against a real relay", .serialized)
struct SMTPTransportTests {
    private func settings(_ relay: TestRelay, user: String? = nil, password: String? = nil,
                          security: SMTPSettings.Security = .startTLS) -> SMTPSettings {
        SMTPSettings(host: "127.0.0.1", port: relay.port, security: security, username: user, password: password,
                     trustRootsFile: relay.trustRoots, heloName: "cohort.test", timeout: .seconds(10))
    }

    private func deliveryError(_ transport: some MailTransport, _ message: MailMessage) async -> MailDeliveryError? {
        do {
            try await transport.send(message)
            return nil
        } catch {
            return error as? MailDeliveryError
        }
    }

    static func permanentReason(_ error: MailDeliveryError?) -> String? {
        if case .permanent(let reason) = error { reason } else { nil }
    }

    @Test("STARTTLS and AUTH PLAIN deliver the whole message")
    func startTLSAndPlain() async throws {
        try await withTestRelay(["--cert", "auto", "--user", "cohort", "--password", "s@cret:1"]) { relay in
            var settings = try SMTPSettings(url: "smtp://cohort:s%40cret%3A1@127.0.0.1:\(relay.port)")
            settings.trustRootsFile = relay.trustRoots
            try await SMTPTransport(settings: settings).send(MailFixtures.full())
            #expect(relay.authAttempts() == ["AUTH PLAIN cohort"])
            let delivered = try relay.delivered()
            try #require(delivered.count == 1)
            let mail = ParsedMail(delivered[0])
            #expect(MIMEDecoding.decodeWords(mail.header("Subject") ?? "") == MailFixtures.longSubject)
            #expect(MIMEDecoding.decodeWords(mail.header("To") ?? "") == "Zoë Ångström <zoe@example.com>")
            #expect(mail.header("Message-ID") == "<42.k3j4h@cohort.localhost>")
            let outer = mail.parts(boundary: ParsedMail.boundary(of: mail.header("Content-Type") ?? "") ?? "")
            try #require(outer.count == 2)
            let bodies = outer[0].parts(boundary: ParsedMail.boundary(of: outer[0].header("Content-Type") ?? "") ?? "")
            try #require(bodies.count == 2)
            // The dot-stuffed line arrives with one dot, so the relay undid exactly what we added.
            #expect(MIMEDecoding.decodeQuotedPrintable(bodies[0].body).hasPrefix("Bonjour Zoë,\r\n.a line that starts with a dot\r\n"))
            #expect(MIMEDecoding.decodeQuotedPrintable(bodies[1].body).contains("<b>Zoë</b>"))
            #expect(outer[1].header("Content-Type")?.hasPrefix("text/calendar; method=PUBLISH") == true)
        }
    }

    @Test("AUTH LOGIN when the relay offers no PLAIN")
    func authLogin() async throws {
        try await withTestRelay(["--cert", "auto", "--user", "cohort", "--password", "pw", "--only-login"]) { relay in
            try await SMTPTransport(settings: settings(relay, user: "cohort", password: "pw")).send(MailFixtures.plain())
            #expect(relay.authAttempts() == ["AUTH LOGIN cohort"])
            #expect(try relay.delivered().count == 1)
        }
    }

    @Test("a wrong password is permanent, with the relay's answer")
    func wrongPassword() async throws {
        try await withTestRelay(["--cert", "auto", "--user", "cohort", "--password", "pw"]) { relay in
            let error = await deliveryError(SMTPTransport(settings: settings(relay, user: "cohort", password: "nope")), MailFixtures.plain())
            let reason = try #require(Self.permanentReason(error), "expected a permanent error, got \(String(describing: error))")
            #expect(reason.hasPrefix("535 "))
            #expect(try relay.delivered().isEmpty)
        }
    }

    @Test("451 is temporary and the retry delivers")
    func temporaryThenSuccess() async throws {
        try await withTestRelay(["--cert", "auto", "--answers", "451,250"]) { relay in
            let transport = SMTPTransport(settings: settings(relay))
            let first = await deliveryError(transport, MailFixtures.plain())
            #expect(first == .temporary("451 4.3.0 test relay: try again later"))
            #expect(try relay.delivered().isEmpty)
            try await transport.send(MailFixtures.plain())
            #expect(try relay.delivered().count == 1)
        }
    }

    @Test("550 is permanent, with the relay's text")
    func permanent() async throws {
        try await withTestRelay(["--cert", "auto", "--answers", "550"]) { relay in
            let error = await deliveryError(SMTPTransport(settings: settings(relay)), MailFixtures.plain())
            #expect(error == .permanent("550 5.1.1 test relay: mailbox unavailable"))
        }
    }

    @Test("no STARTTLS on loopback without credentials sends in plain text")
    func plainOnLoopback() async throws {
        try await withTestRelay([]) { relay in
            try await SMTPTransport(settings: settings(relay)).send(MailFixtures.plain())
            #expect(try relay.delivered().count == 1)
        }
    }

    @Test("no STARTTLS with credentials is refused before any AUTH is sent")
    func noPasswordInTheClear() async throws {
        // The relay would take AUTH in the clear, so only the client can be what refuses.
        try await withTestRelay(["--user", "cohort", "--password", "pw"]) { relay in
            let error = await deliveryError(SMTPTransport(settings: settings(relay, user: "cohort", password: "pw")), MailFixtures.plain())
            let reason = try #require(Self.permanentReason(error), "expected a permanent error, got \(String(describing: error))")
            #expect(reason.contains("refusing to send the password in the clear"))
            #expect(relay.authAttempts().isEmpty)
            #expect(try relay.delivered().isEmpty)
        }
    }

    @Test("smtps delivers over TLS from the first byte, with AUTH")
    func implicitTLS() async throws {
        try await withTestRelay(["--cert", "auto", "--implicit-tls", "--user", "cohort", "--password", "pw"]) { relay in
            var settings = try SMTPSettings(url: "smtps://cohort:pw@127.0.0.1:\(relay.port)")
            settings.trustRootsFile = relay.trustRoots
            try await SMTPTransport(settings: settings).send(MailFixtures.full())
            #expect(relay.authAttempts() == ["AUTH PLAIN cohort"])
            #expect(try relay.delivered().count == 1)
        }
    }

    @Test("a certificate the client does not trust is permanent and says why")
    func untrustedCertificate() async throws {
        try await withTestRelay(["--cert", "auto", "--user", "cohort", "--password", "pw"]) { relay in
            var settings = settings(relay, user: "cohort", password: "pw")
            settings.trustRootsFile = nil
            let error = await deliveryError(SMTPTransport(settings: settings), MailFixtures.plain())
            let reason = try #require(Self.permanentReason(error), "expected a permanent error, got \(String(describing: error))")
            #expect(reason.contains("certificate could not be verified"))
            #expect(relay.authAttempts().isEmpty)
        }
    }

    @Test("smtps to a relay that is not TLS fails as a temporary TLS error")
    func tlsToPlainRelay() async throws {
        try await withTestRelay([]) { relay in
            let error = await deliveryError(SMTPTransport(settings: settings(relay, security: .tls)), MailFixtures.plain())
            guard case .temporary(let reason) = error else {
                Issue.record("expected a temporary error, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("TLS"))
        }
    }
}

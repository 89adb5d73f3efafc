import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import CohortMail

/// Failures below SMTP, which need no relay: nothing listening, and a relay that never speaks.
@Suite("SMTPTransport when the network fails")
struct SMTPNetworkFailureTests {
    /// A port that was free a moment ago: bound, read, closed.
    private func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    @Test("a port with nothing listening is temporary")
    func refused() async throws {
        let port = try await closedPort()
        let transport = SMTPTransport(settings: SMTPSettings(host: "127.0.0.1", port: port, timeout: .seconds(5)))
        await #expect {
            try await transport.send(MailFixtures.plain())
        } throws: { error in
            guard case .temporary(let reason) = error as? MailDeliveryError else { return false }
            return reason.contains("Could not connect to the relay 127.0.0.1:\(port)")
        }
    }

    @Test("a relay that accepts but never answers is temporary within the timeout")
    func silentRelay() async throws {
        // Accepts connections and reads nothing back: the greeting never comes.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { _ in MultiThreadedEventLoopGroup.singleton.next().makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let transport = SMTPTransport(settings: SMTPSettings(host: "127.0.0.1", port: port, timeout: .milliseconds(500)))
        // The reason names the timeout: the send ended because it ran out, not because the
        // relay went away (no wall-clock bound: these machines are shared and slow at times).
        await #expect {
            try await transport.send(MailFixtures.plain())
        } throws: { error in
            guard case .temporary(let reason) = error as? MailDeliveryError else { return false }
            return reason.contains("did not answer within") && reason.contains("the greeting")
        }
        try await server.close()
    }

    @Test("an address that is not ASCII or has no @ is permanent before connecting")
    func badAddress() async throws {
        var message = MailFixtures.plain()
        message.to = MailAddress("zoë@example.com")
        let transport = SMTPTransport(settings: SMTPSettings(host: "127.0.0.1", port: try await closedPort()))
        await #expect(throws: MailDeliveryError.permanent(
            "The address \"zoë@example.com\" cannot be sent: it needs an @ and only ASCII characters.")) {
            try await transport.send(message)
        }
    }

    @Test("without STARTTLS only a loopback relay without credentials gets plain text", arguments: [
        ("127.0.0.1", nil, nil), ("localhost", nil, nil),
        ("127.0.0.1", "cohort", "refusing to send the password in the clear"),
        ("mail.example.com", nil, "refusing to send mail unencrypted to a non-loopback relay"),
        ("10.0.0.5", "cohort", "refusing to send the password in the clear"),
    ] as [(String, String?, String?)])
    func plainTextPolicy(host: String, username: String?, refusal: String?) {
        let settings = SMTPSettings(host: host, port: 25, username: username, password: username.map { _ in "pw" })
        let reason = SMTPDialogue.plainTextRefusal(settings).map { error -> String? in
            if case .permanent(let reason) = error { reason } else { nil }
        }
        if let refusal {
            #expect(reason??.contains(refusal) == true)
        } else {
            #expect(reason == nil)
        }
    }

    @Test("a missing trust roots file is permanent")
    func missingTrustRoots() async throws {
        var settings = SMTPSettings(host: "127.0.0.1", port: try await closedPort(), security: .tls)
        settings.trustRootsFile = "/nonexistent/roots.pem"
        await #expect {
            try await SMTPTransport(settings: settings).send(MailFixtures.plain())
        } throws: { error in
            guard case .permanent(let reason) = error as? MailDeliveryError else { return false }
            return reason.contains("/nonexistent/roots.pem")
        }
    }
}

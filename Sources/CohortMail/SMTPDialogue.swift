import Foundation
import NIOCore
import NIOSSL

/// The RFC 5321 exchange for one message: greeting, EHLO, STARTTLS, AUTH, envelope, DATA, QUIT.
struct SMTPDialogue {
    var conversation: SMTPConversation
    let settings: SMTPSettings
    let tls: NIOSSLContext
    /// True from the start for smtps, and after a successful STARTTLS.
    var encrypted: Bool

    mutating func deliver(from: String, to: String, data: ByteBuffer) async throws {
        try expect(await conversation.reply(during: "the greeting"), 220)
        var hello = try await greet()
        if settings.security == .startTLS && !encrypted {
            if hello.offers("STARTTLS") {
                try expect(await conversation.command("STARTTLS"), 220)
                try await conversation.startTLS(tls, serverHostname: SMTPTransport.serverName(for: settings.host))
                encrypted = true
                hello = try await greet()
            } else if let refusal = Self.plainTextRefusal(settings) {
                throw refusal
            }
        }
        if let username = settings.username {
            // Checked again here so that no future branch above can let AUTH out in the clear.
            guard encrypted else {
                throw MailDeliveryError.permanent("Refusing to send the password to \(relayName) without TLS.")
            }
            try await authenticate(username: username, password: settings.password ?? "", hello: hello)
        }
        try expect(await conversation.command("MAIL FROM:<\(from)>"), 250)
        try expect(await conversation.command("RCPT TO:<\(to)>"), 250, 251)
        try expect(await conversation.command("DATA"), 354)
        try expect(await conversation.send(data, during: "the reply to the message"), 250)
        // The relay has taken the message; a failed goodbye must not make the queue send it twice.
        _ = try? await conversation.command("QUIT")
    }

    /// Why a relay without STARTTLS may not be used: a password must never travel in the clear, and
    /// mail may only do so to this machine (a development relay). Nil when plain text is allowed.
    static func plainTextRefusal(_ settings: SMTPSettings) -> MailDeliveryError? {
        let relay = "\(settings.host):\(settings.port)"
        if settings.username != nil {
            return .permanent("The relay \(relay) offers no STARTTLS; refusing to send the password in the clear.")
        }
        if !settings.isLoopback {
            return .permanent("The relay \(relay) offers no STARTTLS; refusing to send mail unencrypted to a non-loopback relay.")
        }
        return nil
    }

    /// EHLO, or HELO for a relay that answers EHLO with 5xx (RFC 5321 section 4.1.4); a HELO reply
    /// carries no extensions.
    private mutating func greet() async throws -> SMTPReply {
        let name = SMTPDialogue.heloName(settings.heloName)
        let ehlo = try await conversation.command("EHLO \(name)")
        if ehlo.code == 250 { return ehlo }
        guard ehlo.code / 100 == 5 else { try expect(ehlo, 250); return ehlo }
        let helo = try await conversation.command("HELO \(name)")
        try expect(helo, 250)
        return SMTPReply(code: helo.code, lines: Array(helo.lines.prefix(1)))
    }

    private mutating func authenticate(username: String, password: String, hello: SMTPReply) async throws {
        let mechanisms = hello.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = Base64Lines.encode([0] + Array(username.utf8) + [0] + Array(password.utf8))
            try expect(await conversation.command("AUTH PLAIN \(token)", step: "the reply to AUTH PLAIN"), 235)
        } else if mechanisms.contains("LOGIN") {
            try expect(await conversation.command("AUTH LOGIN"), 334)
            try expect(await conversation.command(Base64Lines.encode(Array(username.utf8)), step: "the reply to the AUTH LOGIN user name"), 334)
            try expect(await conversation.command(Base64Lines.encode(Array(password.utf8)), step: "the reply to the AUTH LOGIN password"), 235)
        } else {
            let offered = mechanisms.isEmpty ? "no AUTH at all" : mechanisms.sorted().joined(separator: " ")
            throw MailDeliveryError.permanent(
                "The relay \(relayName) offers neither AUTH PLAIN nor AUTH LOGIN (it offers \(offered)); cannot sign in.")
        }
    }

    /// A 4xx reply is worth retrying and a 5xx one is not (RFC 5321 section 4.2.1); anything
    /// else where `codes` were expected means the relay is confused, which may pass.
    private func expect(_ reply: SMTPReply, _ codes: Int...) throws {
        guard !codes.contains(reply.code) else { return }
        switch reply.code / 100 {
        case 4: throw MailDeliveryError.temporary(reply.summary)
        case 5: throw MailDeliveryError.permanent(reply.summary)
        default: throw MailDeliveryError.temporary("The relay \(relayName) answered unexpectedly: \(reply.summary)")
        }
    }

    private var relayName: String { "\(settings.host):\(settings.port)" }

    private static func heloName(_ name: String) -> String {
        let cleaned = MailAddress(name).safeAddress
        return cleaned.isEmpty ? "localhost" : cleaned
    }

    /// The message as DATA wants it: every line starting with "." gets another (RFC 5321 section
    /// 4.5.2), then the lone "." that ends it. `rendered` always ends in CRLF.
    static func dataPayload(_ rendered: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rendered.utf8.count + 1024)
        for line in rendered.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix(".") { buffer.writeString(".") }
            buffer.writeSubstring(line)
            buffer.writeString("\r\n")
        }
        buffer.writeString(".\r\n")
        return buffer
    }
}

import NIOCore
import NIOSSL

/// The line-level half of the client: writes commands, reads replies, each step bounded by the
/// timeout. It knows nothing of what the commands mean.
struct SMTPConversation {
    private var replies: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private let timeout: TimeAmount
    /// A reply longer than this is not a relay talking SMTP, and reading on would only use memory.
    private let maxReplyLines = 500

    init(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
         outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, timeout: Duration) {
        self.replies = inbound.makeAsyncIterator()
        self.writer = outbound
        self.channel = channel.channel
        self.timeout = TimeAmount(timeout)
    }

    /// Reads one whole reply, multi-line or not.
    mutating func reply(during step: String) async throws -> SMTPReply {
        let deadline = SMTPDeadline(channel: channel, after: timeout)
        defer { deadline.cancel() }
        do {
            let reply = try await readReply(during: step)
            if deadline.hasFired { throw SMTPStepFailure.timedOut(step: step) }
            return reply
        } catch {
            throw deadline.failure(of: step, error)
        }
    }

    /// Sends one command line and reads its reply. `step` names it in errors, so a password sent
    /// as a command never appears in a message.
    mutating func command(_ line: String, step: String? = nil) async throws -> SMTPReply {
        let step = step ?? "the reply to \(line)"
        try await write(ByteBuffer(string: line + "\r\n"), during: step)
        return try await reply(during: step)
    }

    mutating func send(_ data: ByteBuffer, during step: String) async throws -> SMTPReply {
        try await write(data, during: step)
        return try await reply(during: step)
    }

    /// Puts TLS under the line decoder once the relay has said 220 to STARTTLS, and waits for
    /// the handshake, so that its failure (a certificate refused) is the error reported.
    func startTLS(_ context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            handshake.fail(SMTPStepFailure.timedOut(step: "the TLS handshake"))
        }
        defer { deadline.cancel() }
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            try channel.pipeline.syncOperations.addHandler(TLSHandshakeWatcher(done: handshake), position: .after(handler))
        }.get()
        do {
            try await handshake.futureResult.get()
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    private func write(_ data: ByteBuffer, during step: String) async throws {
        let deadline = SMTPDeadline(channel: channel, after: timeout)
        defer { deadline.cancel() }
        do {
            try await writer.write(data)
        } catch {
            throw deadline.failure(of: step, error)
        }
    }

    private mutating func readReply(during step: String) async throws -> SMTPReply {
        var lines: [String] = []
        while lines.count < maxReplyLines {
            guard var buffer = try await replies.next() else {
                throw SMTPStepFailure.closed(step: step)
            }
            let line = buffer.readString(length: buffer.readableBytes) ?? ""
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(line.prefix(3))), (100...599).contains(code),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else {
                throw SMTPStepFailure.malformedReply(step: step, line: String(line.prefix(200)))
            }
            lines.append(HeaderText.sanitised(String(line.dropFirst(4))))
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                return SMTPReply(code: code, lines: lines)
            }
        }
        throw SMTPStepFailure.malformedReply(step: step, line: "more than \(maxReplyLines) lines")
    }
}

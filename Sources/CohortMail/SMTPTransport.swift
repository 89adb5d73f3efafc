import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Delivers each message to a relay over SMTP, one connection per message.
public struct SMTPTransport: MailTransport {
    public let settings: SMTPSettings
    private let eventLoopGroup: any EventLoopGroup

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
    }

    public func send(_ message: MailMessage) async throws {
        do {
            try await deliver(message)
        } catch let error as MailDeliveryError {
            throw error
        } catch {
            throw SMTPFailureClassifier(settings: settings).classify(error)
        }
    }

    private func deliver(_ message: MailMessage) async throws {
        for address in [message.from, message.to] where !address.isSendable {
            throw MailDeliveryError.permanent(
                "The address \"\(address.safeAddress)\" cannot be sent: it needs an @ and only ASCII characters.")
        }
        let tls = try makeTLSContext()
        let data = SMTPDialogue.dataPayload(message.rendered())
        let channel = try await connect(tls: settings.security == .tls ? tls : nil)
        try await channel.executeThenClose { inbound, outbound in
            var dialogue = SMTPDialogue(
                conversation: SMTPConversation(channel, inbound: inbound, outbound: outbound, timeout: settings.timeout),
                settings: settings, tls: tls, encrypted: settings.security == .tls)
            try await dialogue.deliver(from: message.from.safeAddress, to: message.to.safeAddress, data: data)
        }
    }

    /// NIOSSL's default client configuration, so the relay's certificate and name are verified;
    /// only the trust roots change when a file is given.
    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustRootsFile {
            configuration.trustRoots = .file(file)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw MailDeliveryError.permanent(
                "Could not load the TLS trust roots \(settings.trustRootsFile ?? "of the system"): \(error). Check the mail settings.")
        }
    }

    private func connect(tls: NIOSSLContext?) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let serverName = Self.serverName(for: settings.host)
        return try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(TimeAmount(settings.timeout))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// The name for SNI and certificate checks. An IP address may not be sent as SNI, and with
    /// none NIOSSL checks the certificate against the address connected to instead.
    static func serverName(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}

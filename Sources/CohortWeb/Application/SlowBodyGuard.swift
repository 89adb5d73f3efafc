import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body arrives slower than a crawl. The idle timeout
/// cannot catch a client that drips a byte at a time, since every byte is activity; like
/// Apache's mod_reqtimeout, a body gets a grace period plus time in proportion to what
/// it has sent, so a 25 MB upload over a slow line is fine and a drip is not.
final class SlowBodyGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let grace: TimeAmount
    private let minimumBytesPerSecond: Int64
    private var deadline: NIODeadline?
    private var check: Scheduled<Void>?

    init(grace: TimeAmount = .seconds(10), minimumBytesPerSecond: Int64 = 500) {
        self.grace = grace
        self.minimumBytesPerSecond = minimumBytesPerSecond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            // The check is scheduled with the first body bytes: most requests have none,
            // and a body that never starts is caught by the idle timeout.
            deadline = context.eventLoop.now + grace
        case .body(let buffer):
            deadline = deadline.map { $0 + .nanoseconds(Int64(buffer.readableBytes) * 1_000_000_000 / minimumBytesPerSecond) }
            if check == nil { schedule(context) }
        case .end:
            deadline = nil
            check?.cancel()
            check = nil
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
    }

    private func schedule(_ context: ChannelHandlerContext) {
        guard let deadline else { return }
        check?.cancel()
        check = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: deadline) {
            guard let current = self.deadline else { return }
            if current > context.eventLoop.now {
                self.schedule(context)  // more bytes arrived and earned more time
            } else {
                context.close(promise: nil)
            }
        }
    }
}

import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import CohortWeb

@Suite struct SlowBodyGuardTests {
    static let head = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/login"))

    @Test func aBodyDrippedAByteAtATimeIsCutOff() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: SlowBodyGuard(grace: .seconds(10), minimumBytesPerSecond: 500), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8443)).wait()
        try channel.writeInbound(Self.head)
        for _ in 0..<9 {
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "a")))
            loop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func aSteadyUploadEarnsTimeAndAFinishedRequestIsLeftAlone() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: SlowBodyGuard(grace: .seconds(10), minimumBytesPerSecond: 500), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8443)).wait()
        try channel.writeInbound(Self.head)
        for _ in 0..<30 {  // 1,000 bytes a second for 30 s: twice the minimum
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: 0, count: 1_000)))
            loop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(by: .seconds(600))
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}

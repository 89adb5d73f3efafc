import CohortMail
import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import CohortModel
@testable import CohortWeb

/// A relay that answers from a script, one answer per message sent, then accepts.
final class ScriptedTransport: MailTransport {
    private let answers: Mutex<[MailDeliveryError?]>
    let accepted = Mutex<[MailMessage]>([])

    init(_ answers: [MailDeliveryError?]) { self.answers = Mutex(answers) }

    func send(_ message: MailMessage) async throws {
        let answer = answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        if let answer { throw answer }
        accepted.withLock { $0.append(message) }
    }
}

/// A relay that takes the connection and never answers, until the send is cancelled.
struct HangingTransport: MailTransport {
    func send(_ message: MailMessage) async throws {
        try await Task.sleep(for: .seconds(3_600))
    }
}

@Suite struct MailDeliveryServiceTests {
    func service(_ database: AppDatabase, _ transport: any MailTransport, forgetsSecrets: Bool = true) async throws -> MailDeliveryService {
        let composer = try await MailComposer(templatesDirectory: resourcesDirectory + "/templates",
                                              from: MailAddress("cohort@school.org"), site: SiteAddress("https://cohort.school.org"))
        return MailDeliveryService(database: database, composer: composer, transport: transport, schedule: MailSchedule(),
                                   pollInterval: .seconds(1), forgetsSecrets: forgetsSecrets, logger: Logger(label: "test"))
    }

    func outbox(_ database: AppDatabase) async throws -> [OutboxMessage] {
        try await database.reader.read { db in try OutboxMessage.order(Column("id")).fetchAll(db) }
    }

    @Test func aTemporaryRefusalIsSentOnTheRetryWithTheSameMessageID() async throws {
        let world = try await TestWorld()
        let admin = try #require(try await world.database.user(email: "admin@school.org"))
        let now = Date()
        _ = try await world.database.invite(email: "new@school.org", role: .educator, by: admin.id!, now: now)
        let relay = ScriptedTransport([.temporary("451 4.7.1 greylisted, try again later")])
        let delivery = try await service(world.database, relay)

        #expect(await delivery.deliverDue(now: now) == 0)
        var mail = try #require(try await outbox(world.database).first)
        #expect(mail.state == .queued && mail.attempts == 1 && mail.lastError == "451 4.7.1 greylisted, try again later")
        #expect(await delivery.deliverDue(now: now.addingTimeInterval(30)) == 0)  // not yet due
        #expect(await delivery.deliverDue(now: now.addingTimeInterval(61)) == 1)
        mail = try #require(try await outbox(world.database).first)
        #expect(mail.state == .sent && mail.content.action?.path == "")
        let sent = try #require(relay.accepted.withLock { $0.first })
        #expect(sent.messageID == "\(mail.messageId)@school.org")
        #expect(sent.textBody.contains("https://cohort.school.org/invitations/"))
    }

    @Test func aPermanentRefusalIsGivenUpOnWithTheRelaysAnswer() async throws {
        let world = try await TestWorld()
        let admin = try #require(try await world.database.user(email: "admin@school.org"))
        _ = try await world.database.invite(email: "gone@school.org", role: .educator, by: admin.id!)
        let relay = ScriptedTransport([.permanent("550 5.1.1 <gone@school.org>: no such user")])
        let delivery = try await service(world.database, relay)
        #expect(await delivery.deliverDue() == 0)
        #expect(await delivery.deliverDue(now: Date().addingTimeInterval(86_400)) == 0)
        let mail = try #require(try await outbox(world.database).first)
        #expect(mail.state == .failed && mail.lastError == "550 5.1.1 <gone@school.org>: no such user")
        #expect(relay.accepted.withLock { $0.isEmpty })
    }

    @Test func theDevelopmentMailboxKeepsTheLinkAnAdminCanOpen() async throws {
        let world = try await TestWorld()
        let admin = try #require(try await world.database.user(email: "admin@school.org"))
        let (token, _) = try await world.database.invite(email: "new@school.org", role: .educator, by: admin.id!)
        let delivery = try await service(world.database, ScriptedTransport([]), forgetsSecrets: false)
        #expect(await delivery.deliverDue() == 1)
        #expect(try await outbox(world.database).first?.content.action?.path == "/invitations/\(token)")
    }

    @Test(.timeLimit(.minutes(1))) func aRelayThatHangsDoesNotHoldUpTheServersStopAndTheMailStaysQueued() async throws {
        let world = try await TestWorld()
        let admin = try #require(try await world.database.user(email: "admin@school.org"))
        _ = try await world.database.invite(email: "new@school.org", role: .educator, by: admin.id!)
        let group = ServiceGroup(configuration: .init(services: [try await service(world.database, HangingTransport())],
                                                      logger: Logger(label: "test")))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(500))  // the send is under way
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        let mail = try #require(try await outbox(world.database).first)
        #expect(mail.state == .queued && mail.attempts == 0 && mail.lastError == nil)
    }
}

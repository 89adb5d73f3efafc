import CohortMail
import CohortModel
import Foundation
import Logging
import ServiceLifecycle

/// Sends what the outbox holds, outside any request, in the server's lifecycle.
/// Each pass also turns due notices and reminders into outbox rows. A relay that is
/// down or slow delays only this service: pages and posts never wait for mail.
struct MailDeliveryService: Service {
    let database: AppDatabase
    let composer: MailComposer
    let transport: any MailTransport
    let schedule: MailSchedule
    let pollInterval: Duration
    /// A relay has the mail once it is sent; the development mailbox shows it, links and all.
    let forgetsSecrets: Bool
    let logger: Logger

    /// Notices and reminders are worked out less often than the outbox is looked at.
    static let planningInterval: TimeInterval = 15

    func run() async throws {
        var lastPlanned = Date.distantPast
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = Date()
            if now.timeIntervalSince(lastPlanned) >= Self.planningInterval {
                await plan(now: now)
                lastPlanned = now
            }
            // Links name the site's address, known once the server has bound its port.
            if composer.site.current != nil { await deliverDue(now: now) }
            // A full batch means more is waiting: go on at once rather than a mail a poll.
            let moreDue = (try? await database.dueMail(now: Date(), limit: 1).isEmpty == false) ?? false
            if !moreDue || composer.site.current == nil { try? await Task.sleep(for: pollInterval) }
        }
    }

    /// Queues the notice mail and reminders that have fallen due.
    func plan(now: Date) async {
        do {
            try await database.queueNoticeMail(schedule: schedule, now: now)
            try await database.queueReminders(now: now)
        } catch {
            logger.error("mail: planning notices and reminders failed: \(error)")
        }
    }

    /// Tries every mail whose turn has come; returns how many went.
    @discardableResult
    func deliverDue(now: Date = Date()) async -> Int {
        let due: [OutboxMessage]
        do {
            due = try await database.dueMail(now: now)
        } catch {
            logger.error("mail: reading the outbox failed: \(error)")
            return 0
        }
        var sent = 0
        for message in due {
            guard let id = message.id, !Task.isShuttingDownGracefully else { break }
            do {
                // A relay that hangs must not hold up the server's stop.
                try await cancelWhenGracefulShutdown { try await transport.send(composer.message(for: message)) }
                try await database.markMailSent(id: id, forgetSecret: forgetsSecrets, now: now)
                sent += 1
            } catch where Task.isShuttingDownGracefully || Task.isCancelled {
                break  // stopping: the mail stays queued as it was and goes at the next start
            } catch let failure as MailDeliveryError {
                await record(failure, id: id, now: now)
            } catch {
                await record(.temporary("\(error)"), id: id, now: now)
            }
        }
        return sent
    }

    /// The retry is timed from `now`, the moment this round of delivery began.
    private func record(_ failure: MailDeliveryError, id: Int64, now: Date) async {
        let (reason, permanent): (String, Bool) = switch failure {
        case .temporary(let reason): (reason, false)
        case .permanent(let reason): (reason, true)
        }
        logger.warning("mail: message \(id) \(permanent ? "failed" : "will be tried again"): \(reason)")
        do {
            try await database.markMailFailed(id: id, reason: reason, permanent: permanent, now: now)
        } catch {
            logger.error("mail: recording the failure of message \(id) failed: \(error)")
        }
    }
}

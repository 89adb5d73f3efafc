import NIOCore
import Synchronization

/// Bounds one step of the conversation: when the time is up it closes the channel, which ends the
/// pending read or write at once, and remembers that it did so the failure reads as a timeout.
/// Closing is used instead of racing a timer task because the reply iterator cannot be shared
/// between tasks.
final class SMTPDeadline: Sendable {
    private let fired = Mutex(false)
    private let task = Mutex<Scheduled<Void>?>(nil)

    init(channel: any Channel, after timeout: TimeAmount) {
        let scheduled = channel.eventLoop.scheduleTask(in: timeout) { [self] in
            fired.withLock { $0 = true }
            channel.close(promise: nil)
        }
        task.withLock { $0 = scheduled }
    }

    func cancel() {
        task.withLock { $0?.cancel() }
    }

    /// The error to report for a step that failed with `error`.
    func failure(of step: String, _ error: any Error) -> any Error {
        fired.withLock { $0 } ? SMTPStepFailure.timedOut(step: step) : error
    }

    var hasFired: Bool { fired.withLock { $0 } }
}

import CohortModel
import Logging
import ServiceLifecycle

/// Looks a few times a second for writes made by another process (the `cohort`
/// command run beside the server: a person deactivated, a roster imported), so the
/// page and session caches drop what those writes outdated at once.
struct OtherProcessWritesWatcher: Service {
    let database: AppDatabase
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if try await database.noticeWritesByOtherProcesses() {
                    logger.info("another process wrote to the database; cached pages are outdated")
                }
            } catch {
                logger.error("looking for other processes' writes failed: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}

import CohortModel
import NIOPosix

/// Bcrypt on NIO's thread pool: it is CPU-bound for tens of milliseconds and would
/// stall every other request if run on an event loop or the cooperative pool.
struct PasswordHashing: Sendable {
    let cost: UInt8
    /// Verified against when an email is unknown, so a wrong email takes as long
    /// as a wrong password and does not reveal who has an account.
    private let decoyHash: String

    init(cost: UInt8) async throws {
        self.cost = cost
        self.decoyHash = try await NIOThreadPool.singleton.runIfActive {
            Password.hash("decoy password for timing", cost: cost)
        }
    }

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Password.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target = hash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Password.verify(password, against: target) }
        return matches && hash != nil
    }
}

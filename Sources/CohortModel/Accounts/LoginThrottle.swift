import Foundation

/// Counts failed sign-ins per account and per client address over a sliding window
/// and refuses further tries past a limit. Kept in memory: a restart forgives, which
/// is acceptable for slowing down guessing.
public actor LoginThrottle {
    public struct Refusal: Error, Sendable, Equatable {
        public let retryAfter: TimeInterval
        public let perAccount: Bool

        public var message: String {
            let minutes = max(1, Int((retryAfter / 60).rounded(.up)))
            let unit = minutes == 1 ? "minute" : "minutes"
            return perAccount
                ? "Too many failed sign-ins for this account. Try again in \(minutes) \(unit)."
                : "Too many failed sign-ins from your network. Try again in \(minutes) \(unit)."
        }
    }

    private let maxPerAccount: Int
    private let maxPerAddress: Int
    private let window: TimeInterval
    private var accountFailures: [String: [Date]] = [:]
    private var addressFailures: [String: [Date]] = [:]

    public init(maxPerAccount: Int = 5, maxPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.maxPerAccount = maxPerAccount
        self.maxPerAddress = maxPerAddress
        self.window = window
    }

    /// Throws a `Refusal` when this account or address must wait.
    public func check(account: String, address: String, now: Date = Date()) throws(Refusal) {
        if let wait = waitTime(accountFailures[account.lowercased()], limit: maxPerAccount, now: now) {
            throw Refusal(retryAfter: wait, perAccount: true)
        }
        if let wait = waitTime(addressFailures[address], limit: maxPerAddress, now: now) {
            throw Refusal(retryAfter: wait, perAccount: false)
        }
    }

    public func recordFailure(account: String, address: String, now: Date = Date()) {
        if accountFailures.count + addressFailures.count > 50_000 { prune(now: now) }
        accountFailures[account.lowercased(), default: []].append(now)
        addressFailures[address, default: []].append(now)
    }

    public func recordSuccess(account: String) {
        accountFailures[account.lowercased()] = nil
    }

    private func waitTime(_ failures: [Date]?, limit: Int, now: Date) -> TimeInterval? {
        guard let failures else { return nil }
        let recent = failures.filter { now.timeIntervalSince($0) < window }
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return window - now.timeIntervalSince(oldest)
    }

    private func prune(now: Date) {
        accountFailures = accountFailures.compactMapValues { keepRecent($0, now: now) }
        addressFailures = addressFailures.compactMapValues { keepRecent($0, now: now) }
    }

    private func keepRecent(_ dates: [Date], now: Date) -> [Date]? {
        let recent = dates.filter { now.timeIntervalSince($0) < window }
        return recent.isEmpty ? nil : recent
    }
}

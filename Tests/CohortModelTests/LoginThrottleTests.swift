import Foundation
import Testing
@testable import CohortModel

@Suite struct LoginThrottleTests {
    @Test func anAccountIsPausedAfterFiveFailuresWithinTheWindow() async throws {
        let throttle = LoginThrottle(maxPerAccount: 5, maxPerAddress: 100, window: 900)
        for i in 0..<5 {
            try await throttle.check(account: "ada@school.org", address: "10.0.0.\(i)", now: referenceNow)
            await throttle.recordFailure(account: "ada@school.org", address: "10.0.0.\(i)", now: referenceNow)
        }
        await #expect(throws: LoginThrottle.Refusal(retryAfter: 900, perAccount: true)) {
            try await throttle.check(account: "ADA@school.org", address: "10.0.0.9", now: referenceNow)
        }
        // Other accounts are unaffected, and the window passes.
        try await throttle.check(account: "bob@school.org", address: "10.0.0.9", now: referenceNow)
        try await throttle.check(account: "ada@school.org", address: "10.0.0.9", now: referenceNow.addingTimeInterval(900))
    }

    @Test func anAddressIsPausedAfterManyFailuresAcrossAccounts() async throws {
        let throttle = LoginThrottle(maxPerAccount: 5, maxPerAddress: 10, window: 900)
        for i in 0..<10 {
            await throttle.recordFailure(account: "user\(i)@school.org", address: "192.0.2.1", now: referenceNow)
        }
        do {
            try await throttle.check(account: "new@school.org", address: "192.0.2.1", now: referenceNow)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.perAccount == false)
            #expect(error.message.contains("from your network"))
        }
        try await throttle.check(account: "new@school.org", address: "192.0.2.2", now: referenceNow)
    }

    @Test func successClearsTheAccountsFailures() async throws {
        let throttle = LoginThrottle(maxPerAccount: 3, maxPerAddress: 100, window: 900)
        for _ in 0..<2 { await throttle.recordFailure(account: "ada@school.org", address: "a", now: referenceNow) }
        await throttle.recordSuccess(account: "ada@school.org")
        for _ in 0..<2 { await throttle.recordFailure(account: "ada@school.org", address: "a", now: referenceNow) }
        try await throttle.check(account: "ada@school.org", address: "a", now: referenceNow)
    }
}

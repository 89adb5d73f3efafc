import Foundation
import Synchronization

/// A real SMTP relay for the tests: Tests/Mail/smtp_server.py (aiosmtpd) in a child process.
/// Always stop it (``withTestRelay`` does), or it lingers until it notices its parent is gone.
final class TestRelay {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    /// The PEM of the CA that signed the relay's certificate, when it has one.
    let trustRoots: String?
    let maildir: String
    let events: String
    private let scratch: String
    private let process: Process

    /// <root>/Tests/CohortMailTests/TestRelay.swift, so the root holds Tests/Mail and .venv-tests.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static var python: String {
        ProcessInfo.processInfo.environment["COHORT_TEST_PYTHON"] ?? packageRoot + "/.venv-tests/bin/python"
    }

    private init(port: Int, trustRoots: String?, scratch: String, process: Process) {
        self.port = port
        self.trustRoots = trustRoots
        self.scratch = scratch
        self.maildir = scratch + "/maildir"
        self.events = scratch + "/events.log"
        self.process = process
    }

    static func start(_ options: [String], readyWithin seconds: Double = 20) async throws -> TestRelay {
        let python = Self.python
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: """
                No Python at \(python) for the SMTP tests. Create it with \
                `python3 -m venv .venv-tests && .venv-tests/bin/pip install -r Tests/Mail/requirements.txt` \
                in \(packageRoot), or set COHORT_TEST_PYTHON.
                """)
        }
        let scratch = NSTemporaryDirectory() + "cohort-relay-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let errorLog = scratch + "/stderr.log"
        _ = FileManager.default.createFile(atPath: errorLog, contents: nil)
        let output = Pipe()
        let lines = OutputBuffer()
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            lines.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot + "/Tests/Mail/smtp_server.py", "--maildir", scratch + "/maildir",
                             "--events", scratch + "/events.log"] + options
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorLog)
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            output.fileHandleForReading.readabilityHandler = nil
            throw Failure(description: "Could not start \(python): \(error)")
        }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = lines.text.withLock { $0 }
            if let port = Self.value(after: "listening on ", in: text).flatMap(Int.init) {
                output.fileHandleForReading.readabilityHandler = nil
                let roots = Self.value(after: "trust roots ", in: text)
                return TestRelay(port: port, trustRoots: roots, scratch: scratch, process: process)
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        output.fileHandleForReading.readabilityHandler = nil
        let exited = !process.isRunning
        Self.stop(process)
        let errors = (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: scratch)
        let outcome = !exited ? "did not say \"listening on\" within \(seconds) s" : "exited with status \(process.terminationStatus)"
        throw Failure(description: """
            The test relay \(outcome) (is aiosmtpd installed in \(python)? \
            pip install -r Tests/Mail/requirements.txt). Its output: \(lines.text.withLock { $0 }) \(errors)
            """)
    }

    private static func value(after prefix: String, in text: String) -> String? {
        text.components(separatedBy: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    func stop() {
        Self.stop(process)
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// SIGTERM, then SIGKILL if the relay has not gone within five seconds.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The messages the relay accepted, as it received them.
    func delivered() throws -> [String] {
        let folder = maildir + "/new"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.sorted().map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    /// One line per AUTH attempt: `AUTH <mechanism> <user>`.
    func authAttempts() -> [String] {
        ((try? String(contentsOfFile: events, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

/// What the relay has printed so far, filled in by the pipe's reader thread.
private final class OutputBuffer: Sendable {
    let text = Mutex("")
}

/// Runs `body` with a relay started with `options`, stopping the relay however `body` ends.
func withTestRelay<T>(_ options: [String], _ body: (TestRelay) async throws -> T) async throws -> T {
    let relay = try await TestRelay.start(options)
    do {
        let result = try await body(relay)
        relay.stop()
        return result
    } catch {
        relay.stop()
        throw error
    }
}

import ArgumentParser
import CohortModel
import CohortWeb
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve Cohort over HTTPS (or HTTP behind a proxy).")

    @OptionGroup var data: DataDirectoryOption
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8443
    @Option(help: "TLS certificate chain (PEM); needs --key.") var cert: String?
    @Option(help: "TLS private key (PEM); needs --cert.") var key: String?
    @Flag(help: "Serve plain HTTP, for use behind a TLS-terminating proxy.") var http = false
    @Flag(help: "Load the demo data first when the database is empty.") var demo = false
    @Flag(help: "Lift the per-member posting rate limits, for benchmarks and load tests.") var noRateLimits = false
    @Flag(help: "Render every page, even when nothing changed since it was last sent (to measure rendering).") var noPageCache = false

    func validate() throws {
        if (cert == nil) != (key == nil) { throw ValidationError("--cert and --key go together") }
        if http && cert != nil { throw ValidationError("--http serves no TLS: leave out --cert and --key") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let directory = try data.prepare()
        let database = try data.openDatabase()
        if demo, try await database.loadDemo(passwordHash: Password.hash(DemoData.password)) {
            DemoAccounts.print()
        }

        var settings = ServerSettings(host: host, port: port, uploadsDirectory: directory + "/uploads")
        if noRateLimits { settings.postingLimits = .unlimitedRate }
        if noPageCache { settings.cachesPages = false }
        if !http {
            if let cert, let key {
                settings.tls = TLSFiles(certificatePath: cert, privateKeyPath: key)
            } else {
                let (files, created) = try DevelopmentCertificate.loadOrCreate(in: directory)
                settings.tls = files
                say("Using a self-signed development certificate (\(created ? "created" : "reused") in \(directory)); browsers will warn about it.")
            }
        }
        let scheme = http ? "http" : "https"
        if try await !database.hasAdmin() {
            settings.setupToken = SecureToken.generate()
        }

        var logger = Logger(label: "cohort")
        logger.logLevel = .info
        let host = host
        let setupToken = settings.setupToken
        let app = try await buildApplication(settings: settings, database: database, logger: logger) { port in
            say("Cohort is serving on \(scheme)://\(host):\(port)")
            if let setupToken {
                say("No admin yet. Create the first one at \(scheme)://\(host):\(port)/setup?token=\(setupToken)")
            }
        }
        try await app.runService()
        try database.close()
    }
}

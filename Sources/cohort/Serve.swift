import ArgumentParser
import CohortMail
import CohortModel
import CohortURLs
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
    @Option(help: ArgumentHelp("Send mail through this relay: smtp://user:password@host:587 (STARTTLS) or smtps://...:465. Also read from COHORT_SMTP_URL. Without it, mail goes to the development mailbox in the data directory.", valueName: "url"))
    var smtp: String?
    @Option(help: ArgumentHelp("Trust this CA certificate (PEM) for the relay instead of the system's.", valueName: "file"))
    var smtpCa: String?
    @Option(help: ArgumentHelp("The From address of every mail.", valueName: "address")) var mailFrom: String?
    @Option(help: ArgumentHelp("The address links in mail start with, e.g. https://cohort.example.org (default: where this server listens).", valueName: "url"))
    var baseUrl: String?
    @Option(help: ArgumentHelp("Seconds a notification waits before it is mailed, so what was seen in the browser first is not mailed.", valueName: "seconds"))
    var mailDelay: Int = 600

    func validate() throws {
        if (cert == nil) != (key == nil) { throw ValidationError("--cert and --key go together") }
        if http && cert != nil { throw ValidationError("--http serves no TLS: leave out --cert and --key") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard mailDelay >= 0 else { throw ValidationError("--mail-delay must be 0 or more seconds") }
        if let baseUrl, URL(string: baseUrl)?.host == nil || !(baseUrl.hasPrefix("https://") || baseUrl.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an address like https://cohort.example.org")
        }
        _ = try mailRoute(dataDirectory: "")
    }

    /// The relay from --smtp or COHORT_SMTP_URL, else the development mailbox.
    func mailRoute(dataDirectory: String) throws -> MailSettings.Route {
        guard let url = smtp ?? ProcessInfo.processInfo.environment["COHORT_SMTP_URL"], !url.isEmpty else {
            return .mailbox(directory: dataDirectory + "/mail")
        }
        do {
            var settings = try SMTPSettings(url: url)
            settings.trustRootsFile = smtpCa
            return .smtp(settings)
        } catch {
            throw ValidationError("--smtp: \(error)")
        }
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
        let route = try mailRoute(dataDirectory: directory)
        settings.mail = MailSettings(route: route, from: MailAddress(mailFrom ?? "cohort@" + (baseUrl.flatMap { URL(string: $0)?.host } ?? "localhost"), name: "Cohort"),
                                     siteURL: baseUrl, schedule: MailSchedule(noticeDelay: TimeInterval(mailDelay)))
        switch route {
        case .mailbox(let folder): say("Mail goes to the development mailbox in \(folder) (see \(SiteURL.adminMail.path)); --smtp sends it.")
        case .smtp(let relay): say("Mail goes out through \(relay.redacted).")
        }
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

        // Files left by uploads that never committed (a crash mid-upload): once per start,
        // before any request can begin a new one.
        let removed = try await database.removeUnreferencedUploads(store: settings.fileStore)
        if removed > 0 { say("Removed \(removed) unfinished upload\(removed == 1 ? "" : "s").") }

        var logger = Logger(label: "cohort")
        logger.logLevel = .info
        let host = host
        let setupToken = settings.setupToken
        let app = try await buildApplication(settings: settings, database: database, logger: logger) { port in
            say("Cohort is serving on \(scheme)://\(host):\(port)")
            if let setupToken {
                say("No admin yet. Create the first one at \(scheme)://\(host):\(port)\(SiteURL.setup.path)?token=\(setupToken)")
            }
        }
        try await app.runService()
        try database.close()
    }
}

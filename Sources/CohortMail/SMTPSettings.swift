/// Where and how to reach the relay, usually read from one URL in the environment.
public struct SMTPSettings: Sendable {
    public enum Security: Sendable {
        /// `smtp://`: plain TCP, upgraded with STARTTLS whenever the relay offers it.
        case startTLS
        /// `smtps://`: TLS from the first byte.
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// A PEM file of CA certificates to trust instead of the system's, for tests and private relays.
    public var trustRootsFile: String?
    public var heloName: String
    /// How long each step (connect, each reply) may take before the delivery counts as failed.
    public var timeout: Duration

    public init(
        host: String,
        port: Int,
        security: Security = .startTLS,
        username: String? = nil,
        password: String? = nil,
        trustRootsFile: String? = nil,
        heloName: String = "localhost",
        timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.trustRootsFile = trustRootsFile
        self.heloName = heloName
        self.timeout = timeout
    }

    /// Parses `smtp://user:pass@host:587` or `smtps://user:pass@host:465`. The user and password
    /// are percent-decoded, so a password with `@` or `:` is written `%40` or `%3A`.
    public init(url: String) throws(SMTPSettingsError) {
        let parts = try SMTPURLParser.parse(url)
        self.init(
            host: parts.host, port: parts.port, security: parts.security,
            username: parts.username, password: parts.password
        )
    }

    /// The URL with the password replaced by `***`, for logs and admin pages.
    public var redacted: String {
        let scheme = security == .tls ? "smtps" : "smtp"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard let username else { return "\(scheme)://\(hostPart):\(port)" }
        let user = PercentEncoding.encode(username)
        return "\(scheme)://\(user)\(password == nil ? "" : ":***")@\(hostPart):\(port)"
    }

    /// Whether the host is this machine, the one case where mail may go out unencrypted.
    var isLoopback: Bool {
        let name = host.lowercased()
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

import CohortMail
import CohortModel
import Foundation

/// Everything `buildApplication` needs to know besides the database.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Certificate and key files; nil serves plain HTTP.
    public var tls: TLSFiles?
    /// Folder holding `templates/` and `public/`.
    public var resourcesDirectory: String
    public var sessionPolicy: SessionPolicy
    public var passwordCost: UInt8
    /// The one-time secret of the first-admin setup link, while no admin exists.
    public var setupToken: String?
    public var loginThrottle: LoginThrottle
    /// Counts every "forgot your password?" request, per address and per network.
    public var passwordResetThrottle = LoginThrottle(maxPerAccount: 3, maxPerAddress: 10)
    public var postingLimits: PostingLimits
    /// Where uploads are stored (under the data directory when serving).
    public var uploadsDirectory: String
    public var maximumUploadBytes: Int
    /// A connection that sends no complete request part for this long is closed. A client
    /// dripping its headers a byte at a time never completes one, so this bounds slowloris.
    public var idleTimeout: Duration = .seconds(10)
    /// Serve unchanged signed-in pages again without rendering them (`PageCache`).
    public var cachesPages = true
    /// The cache to use instead of a new one, so tests can see what it served.
    var pageCache: PageCache?
    /// How mail goes out; by default into a development mailbox.
    public var mail: MailSettings
    /// Run the delivery service beside the server (tests drive delivery themselves).
    public var deliversMail = true

    public init(host: String = "127.0.0.1", port: Int = 8443, tls: TLSFiles? = nil,
                resourcesDirectory: String = FileManager.default.currentDirectoryPath,
                sessionPolicy: SessionPolicy = SessionPolicy(), passwordCost: UInt8 = Password.defaultCost,
                setupToken: String? = nil, loginThrottle: LoginThrottle = LoginThrottle(),
                postingLimits: PostingLimits = PostingLimits(),
                uploadsDirectory: String = FileManager.default.temporaryDirectory.path + "/cohort-uploads",
                maximumUploadBytes: Int = 25 << 20,
                mail: MailSettings = MailSettings(route: .mailbox(directory: FileManager.default.temporaryDirectory.path + "/cohort-mail"),
                                                  from: MailAddress("cohort@localhost", name: "Cohort"))) {
        self.host = host
        self.port = port
        self.tls = tls
        self.resourcesDirectory = resourcesDirectory
        self.sessionPolicy = sessionPolicy
        self.passwordCost = passwordCost
        self.setupToken = setupToken
        self.loginThrottle = loginThrottle
        self.postingLimits = postingLimits
        self.uploadsDirectory = uploadsDirectory
        self.maximumUploadBytes = maximumUploadBytes
        self.mail = mail
    }

    /// The store of uploaded files.
    public var fileStore: FileStore { FileStore(root: uploadsDirectory, maximumBytes: maximumUploadBytes) }

    /// Cookies are marked `Secure` whenever we serve TLS ourselves.
    var secureCookies: Bool { tls != nil }
}

public struct TLSFiles: Sendable {
    public var certificatePath: String
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}

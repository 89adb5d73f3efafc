import CohortModel
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Builds the whole web application. The executable and the tests both call this.
public func buildApplication(settings: ServerSettings, database: AppDatabase,
                             logger: Logger = Logger(label: "cohort"),
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    async throws -> some ApplicationProtocol
{
    let site = SiteAddress(settings.mail.siteURL)
    let composer = try await MailComposer(templatesDirectory: settings.resourcesDirectory + "/templates",
                                          from: settings.mail.from, site: site)
    let (router, _) = try await buildRouter(settings: settings, database: database, composer: composer)
    let configuration = ApplicationConfiguration(address: .hostname(settings.host, port: settings.port))
    let onRunning: @Sendable (any Channel) async -> Void = { channel in
        let port = channel.localAddress?.port ?? settings.port
        site.settle(scheme: settings.tls == nil ? "http" : "https", host: settings.host, port: port)
        await onServerRunning(port)
    }
    var services: [any Service] = [OtherProcessWritesWatcher(database: database, interval: .milliseconds(250), logger: logger)]
    if settings.deliversMail {
        services.append(MailDeliveryService(
            database: database, composer: composer, transport: settings.mail.transport(),
            schedule: settings.mail.schedule, pollInterval: settings.mail.pollInterval,
            forgetsSecrets: settings.mail.mailboxDirectory == nil, logger: logger))
    }
    let http = HTTPServerBuilder.http1(configuration: connectionLimits(settings))
    // Two calls because the server builder type is not exported for a variable.
    if let tls = settings.tls {
        return Application(router: router, server: try .tls(http, tlsConfiguration: try tlsConfiguration(tls)),
                           configuration: configuration, services: services, onServerRunning: onRunning, logger: logger)
    }
    return Application(router: router, server: http, configuration: configuration, services: services,
                       onServerRunning: onRunning, logger: logger)
}

/// Limits that keep slow or oversized clients from holding connections: no browser sends
/// a 16 KB header line or 100 headers; a body must keep arriving (`SlowBodyGuard`); its
/// size is bounded per route (`maxUploadSize`).
func connectionLimits(_ settings: ServerSettings) -> HTTP1Channel.Configuration {
    HTTP1Channel.Configuration(
        additionalChannelHandlers: [SlowBodyGuard()],
        idleTimeout: TimeAmount(settings.idleTimeout),
        httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 << 10, maxHeaderListSize: 64 << 10, maxHeaderFieldCount: 100))
}

/// Every route with its policy, as `cohort routes` prints it: the router is built as the
/// server builds it, on an empty database in memory.
public func siteRoutes(settings: ServerSettings) async throws -> RouteTable {
    try await buildRouter(settings: settings, database: try AppDatabase.inMemory()).routes
}

/// The router with every middleware and controller, and the table of its routes, for
/// `buildApplication` and for tests that walk every route.
func buildRouter(settings: ServerSettings, database: AppDatabase,
                 composer: MailComposer? = nil) async throws -> (router: Router<AppRequestContext>, routes: RouteTable) {
    let composer = if let composer { composer } else {
        try await MailComposer(templatesDirectory: settings.resourcesDirectory + "/templates", from: settings.mail.from,
                               site: SiteAddress(settings.mail.siteURL))
    }
    let renderer = try await PageRenderer(templatesDirectory: settings.resourcesDirectory + "/templates")
    let passwords = try await PasswordHashing(cost: settings.passwordCost)
    let cookies = CookieFactory(secure: settings.secureCookies)
    let sessions = SessionStarter(database: database, cookies: cookies, policy: settings.sessionPolicy)
    let routeTable = RouteTable()

    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware(tls: settings.tls != nil))
    router.add(middleware: StaticAssetsMiddleware(folder: settings.resourcesDirectory + "/public", renderer: renderer,
                                                  routes: routeTable))
    router.add(middleware: LoginSessionMiddleware(database: database, cookies: cookies, policy: settings.sessionPolicy))
    if settings.cachesPages {
        router.add(middleware: PageCacheMiddleware(cache: settings.pageCache ?? PageCache(changes: database.changes)))
    }
    router.add(middleware: ErrorPageMiddleware(renderer: renderer, routes: routeTable))
    router.add(middleware: ExpiredSessionMiddleware(database: database, cookies: cookies, routes: routeTable))
    router.add(middleware: CSRFMiddleware(routes: routeTable))

    let routes = RouteGroups(router: router, table: routeTable)
    LoginController(database: database, renderer: renderer, passwords: passwords,
                    throttle: settings.loginThrottle, sessions: sessions).addRoutes(to: routes)
    SetupController(database: database, renderer: renderer, passwords: passwords, sessions: sessions,
                    setupToken: settings.setupToken).addRoutes(to: routes.anyone)
    InvitationController(database: database, renderer: renderer, passwords: passwords, sessions: sessions)
        .addRoutes(to: routes.anyone)
    DashboardController(database: database, renderer: renderer).addRoutes(to: routes.signedIn)
    CohortChoiceController(database: database, renderer: renderer).addRoutes(to: routes.signedIn)
    KeptTextController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.signedIn)
    AccountController(database: database, renderer: renderer, passwords: passwords, throttle: settings.loginThrottle,
                      cookies: cookies)
        .addRoutes(to: routes.signedIn)
    AdminController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.admins)
    AdminCohortController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.admins)
    CohortController(database: database, renderer: renderer).addRoutes(to: routes.members)
    ScheduleController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.facilitators)
    RosterController(database: database, renderer: renderer, links: InvitationLinks(secure: cookies.secure))
        .addRoutes(to: routes.cohortAdmins)
    ProgressController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.facilitators)
    let limits = settings.postingLimits
    BoardsController(database: database, renderer: renderer, cookies: cookies, limits: limits).addRoutes(to: routes)
    ThreadsController(database: database, renderer: renderer, cookies: cookies, limits: limits).addRoutes(to: routes.signedIn)
    PostsController(database: database, renderer: renderer, cookies: cookies, limits: limits).addRoutes(to: routes.signedIn)
    CommunityController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes)
    FeedController(database: database, secure: cookies.secure).addRoutes(to: routes.anyone)
    let files = settings.fileStore
    ArtifactsController(database: database, renderer: renderer, cookies: cookies, files: files).addRoutes(to: routes)
    ArtifactPageController(database: database, renderer: renderer, cookies: cookies, files: files, limits: limits)
        .addRoutes(to: routes.signedIn)
    ArtifactChangesController(database: database, renderer: renderer, cookies: cookies, files: files).addRoutes(to: routes.signedIn)
    PortfolioController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.members)
    ReviewController(database: database, renderer: renderer, cookies: cookies, files: files).addRoutes(to: routes)
    AdminReviewsController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.admins)
    PasswordResetController(database: database, renderer: renderer, passwords: passwords,
                            throttle: settings.passwordResetThrottle, cookies: cookies).addRoutes(to: routes.anyone)
    EmailChangeController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.anyone)
    UnsubscribeController(database: database, renderer: renderer).addRoutes(to: routes.anyone)
    AdminPersonController(database: database, renderer: renderer, cookies: cookies).addRoutes(to: routes.admins)
    AdminMailController(database: database, renderer: renderer, cookies: cookies, composer: composer, mail: settings.mail)
        .addRoutes(to: routes.admins)

    routeTable.record(router.routes)
    return (router, routeTable)
}

private func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
    let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
    let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
    return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
}

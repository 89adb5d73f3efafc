import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// The repository root, where `templates/` and `public/` live.
let resourcesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

let demoPassword = "correct horse battery"

/// A database with an admin, an educator and a facilitator, and settings for tests.
struct TestWorld {
    let database: AppDatabase
    var settings: ServerSettings

    init(setupToken: String? = nil, withPeople: Bool = true) async throws {
        database = try AppDatabase.inMemory()
        settings = ServerSettings(resourcesDirectory: resourcesDirectory, passwordCost: 4, setupToken: setupToken,
                                  uploadsDirectory: FileManager.default.temporaryDirectory.path + "/cohort-test-uploads-\(UUID())")
        // Tests look at the outbox itself; a delivery service would change it under them.
        settings.deliversMail = false
        if withPeople {
            let hash = Password.hash(demoPassword, cost: 4)
            try await database.addUser(email: "admin@school.org", name: "Alex Admin", role: .admin, passwordHash: hash)
            try await database.addUser(email: "ed@school.org", name: "Eda Educator", role: .educator, passwordHash: hash)
            try await database.addUser(email: "fa@school.org", name: "Fay Facilitator", role: .facilitator,
                                       passwordHash: hash)
        }
    }

    /// Runs `test` against the application through HummingbirdTesting's router client.
    func test<Value: Sendable>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value)
        async throws -> Value
    {
        let app = try await buildApplication(settings: settings, database: database)
        return try await app.test(.router) { client in try await test(client) }
    }
}

/// A browser's worth of state: cookies, and the CSRF token of the last page seen.
struct WebSession {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrfToken: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    mutating func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get)
    }

    /// Posts a form, adding this session's CSRF token unless the form sets `_csrf`.
    @discardableResult
    mutating func post(_ uri: String, _ form: [String: String] = [:], headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        try await post(uri, pairs: form.map { ($0.key, $0.value) }, headers: headers)
    }

    /// Posts fields in order, repeating names as a browser does for checkboxes.
    @discardableResult
    mutating func post(_ uri: String, pairs: [(String, String)], headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        if csrfToken == nil { try await get("/login") }
        var fields = pairs
        if !fields.contains(where: { $0.0 == "_csrf" }) { fields.append(("_csrf", csrfToken ?? "")) }
        let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    mutating func signIn(_ email: String, password: String = demoPassword) async throws {
        let response = try await post("/login", ["email": email, "password": password])
        #expect(response.status == .seeOther, "sign-in as \(email) failed")
        try await get("/")
    }

    mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil)
        async throws -> TestResponse
    {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = Self.csrfToken(in: String(buffer: response.body)) { csrfToken = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    private func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }

    /// The flash message a redirect left for the next page.
    var flash: Flash? {
        headers[values: .setCookie]
            .first { $0.hasPrefix(Flash.cookieName + "=") }
            .flatMap { $0.split(separator: ";")[0].split(separator: "=", maxSplits: 1).last }
            .flatMap { Flash(cookieValue: String($0)) }
    }
}

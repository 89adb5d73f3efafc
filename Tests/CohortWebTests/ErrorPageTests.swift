import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct ErrorPageTests {
    @Test func anUnknownAddressIsA404PageInTheLayout() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            let response = try await browser.get("/no/such/page")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<h1>Page not found</h1>"))
            #expect(response.text.contains(#"<p class="status-code">404</p>"#))
            #expect(response.text.contains("Eda Educator"))  // the signed-in layout
        }
    }

    @Test func aWrongMethodIsA405WithAllow() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let response = try await browser.get("/logout")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            #expect(response.text.contains("does not accept GET"))
            // Also for an address with a parameter in it.
            let delete = try await browser.get("/posts/7/hide")
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "POST")
            let login = try await browser.send("/login", method: .delete)
            #expect(login.status == .forbidden || login.status == .methodNotAllowed)
        }
    }

    @Test func anOversizedFormIsA413Page() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let huge = String(repeating: "a", count: 2 << 20)
            let response = try await browser.post("/login", ["email": huge, "password": "x"])
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("<h1>Too large</h1>"))
        }
    }

    @Test func aMalformedFormIsA400PageNotA500() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            _ = try await browser.get("/login")
            let token = browser.csrfToken!
            let response = try await browser.send(
                "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(token)&email[x]]=%ZZ&password"))
            #expect(response.status.code >= 400 && response.status.code < 500)
            #expect(response.text.contains("<main"))
        }
    }

    @Test func nothingInternalLeaksIntoAnErrorPage() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let response = try await browser.get("/invitations/%00%27%22")
            #expect(response.status == .notFound)
            #expect(!response.text.contains("SQL"))
            #expect(!response.text.contains("AccountError"))
        }
    }
}

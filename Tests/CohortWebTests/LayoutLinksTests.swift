import HummingbirdTesting
import Testing
@testable import CohortWeb

/// The layout's links come from the route definitions, like every page's.
@Suite struct LayoutLinksTests {
    @Test func everyPageLinksTheStyleSheetScriptIconAndHome() async throws {
        try await TestWorld().test { client in
            for path in ["/login", "/password-reset"] {
                var visitor = WebSession(client)
                let page = try await visitor.get(path).text
                #expect(page.contains(#"<link rel="stylesheet" href="/assets/style.css">"#), "\(path)")
                #expect(page.contains(#"<script src="/assets/app.js" defer></script>"#), "\(path)")
                #expect(page.contains(#"<link rel="icon" href="/assets/icon.svg""#), "\(path)")
                #expect(page.contains(#"<a class="brand" href="/">Cohort</a>"#), "\(path)")
            }
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            let dashboard = try await admin.get("/").text
            #expect(dashboard.contains(#"action="/logout""#) && dashboard.contains(#"href="/notifications""#))
        }
    }
}

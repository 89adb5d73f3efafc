import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct AccountPageTests {
    @Test func aPersonCanRenameThemselves() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            let saved = try await browser.post("/account/name", ["name": "Eda <b>Bold</b>"])
            #expect(saved.status == .seeOther)
            let page = try await browser.get("/account")
            #expect(page.text.contains("Your name is saved."))
            #expect(page.text.contains("Eda &lt;b&gt;Bold&lt;/b&gt;"))
            #expect(!page.text.contains("<b>Bold</b>"))
            let empty = try await browser.post("/account/name", ["name": "   "])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Enter a name"))
        }
    }

    @Test func changingThePasswordNeedsTheCurrentOneAndSignsOutOtherBrowsers() async throws {
        try await TestWorld().test { (client) async throws in
            var laptop = WebSession(client)
            try await laptop.signIn("ed@school.org")
            var phone = WebSession(client)
            try await phone.signIn("ed@school.org")

            let wrong = try await laptop.post("/account/password", [
                "currentPassword": "not my password", "newPassword": "a brand new passphrase",
                "passwordConfirmation": "a brand new passphrase",
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("current password is not right"))

            let changed = try await laptop.post("/account/password", [
                "currentPassword": demoPassword, "newPassword": "a brand new passphrase",
                "passwordConfirmation": "a brand new passphrase",
            ])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/account").status == .ok)
            #expect(try await phone.get("/account").status == .seeOther)

            var later = WebSession(client)
            try await later.signIn("ed@school.org", password: "a brand new passphrase")
        }
    }
}

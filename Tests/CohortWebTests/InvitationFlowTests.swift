import CohortModel
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct InvitationFlowTests {
    @Test func anAdminInvitesAndTheInviteeJoinsOnce() async throws {
        try await TestWorld().test { (client) async throws in
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            let created = try await admin.post("/admin/invitations", ["email": "new@school.org", "role": "evaluator"])
            #expect(created.status == .seeOther)
            #expect(created.location == "/admin/people")
            let link = try #require(created.flash?.link)
            let path = String(link[link.range(of: "/invitations/")!.lowerBound...])
            let people = try await admin.get("/admin/people")
            #expect(people.text.contains(link))
            #expect(people.text.contains("new@school.org"))

            var invitee = WebSession(client)
            let form = try await invitee.get(path)
            #expect(form.status == .ok)
            #expect(form.text.contains("new@school.org"))
            #expect(form.text.contains("invited to join as evaluator"))

            let mismatch = try await invitee.post(path, ["name": "Nia New", "password": demoPassword,
                                                         "passwordConfirmation": "something else"])
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.text.contains("do not match"))

            let joined = try await invitee.post(path, ["name": "Nia New", "password": demoPassword,
                                                       "passwordConfirmation": demoPassword])
            #expect(joined.status == .seeOther)
            #expect(joined.location == "/")
            let dashboard = try await invitee.get("/")
            #expect(dashboard.text.contains("Welcome, Nia"))
            #expect(dashboard.text.contains("Evaluator"))

            var again = WebSession(client)
            let reused = try await again.get(path)
            #expect(reused.status == .gone)
            #expect(reused.text.contains("already been used"))
        }
    }

    @Test func aBadInvitationSaysWhatWasWrong() async throws {
        try await TestWorld().test { (client) async throws in
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            let badEmail = try await admin.post("/admin/invitations", ["email": "not-an-email", "role": "educator"])
            #expect(badEmail.status == .unprocessableContent)
            #expect(badEmail.text.contains("Enter an email address"))
            let taken = try await admin.post("/admin/invitations", ["email": "ed@school.org", "role": "educator"])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.text.contains("already has an account"))
            let badRole = try await admin.post("/admin/invitations", ["email": "x@school.org", "role": "overlord"])
            #expect(badRole.status == .unprocessableContent)
        }
    }

    @Test func anAdminCanWithdrawAnInvitation() async throws {
        try await TestWorld().test { (client) async throws in
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            let created = try await admin.post("/admin/invitations", ["email": "new@school.org", "role": "educator"])
            let link = try #require(created.flash?.link)
            let page = try await admin.get("/admin/people")
            let action = try #require(page.text.firstMatch(of: #/action="(/admin/invitations/\d+/revoke)"/#)?.1)
            #expect(try await admin.post(String(action)).status == .seeOther)
            var invitee = WebSession(client)
            #expect(try await invitee.get(String(link[link.range(of: "/invitations/")!.lowerBound...])).status == .notFound)
        }
    }
}

import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Writing a post: a preview that works without script, and @-mention completion.
@Suite struct WritingAidsTests {
    @Test func previewShowsTheReplyAsItWillReadAndPostsNothing() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let boardPath = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let threadPath = try #require(try await pat.post("\(boardPath)/threads", ["title": "Previews", "body": "Opening."]).location)
            let text = "A **bold** idea <script>alert(1)</script>"
            let previewed = try await pat.post("\(threadPath)/posts", ["body": text, "_preview": "1"])
            #expect(previewed.status == .ok)
            #expect(previewed.text.contains("Preview: this is how it will read.") && previewed.text.contains("<strong>bold</strong>"))
            #expect(!previewed.text.contains("<script>alert"))
            #expect(previewed.text.contains(">A **bold** idea &lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))  // still being written
            let thread = try await pat.get(String(threadPath)).text
            #expect(thread.matches(of: #/<article class="post/#).count == 1)  // only the opening post
            #expect(thread.contains(">A **bold** idea &lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))  // kept as a draft

            let fragment = try await pat.post("/preview", ["body": "*Hello* @Fay"])
            #expect(fragment.status == .ok && fragment.text.contains("<em>Hello</em>"))
            let newThread = try await pat.post("\(boardPath)/threads", ["title": "T", "body": "- one\n- two", "_preview": "1"])
            #expect(newThread.text.contains("<li>one</li>") && newThread.text.contains(#"value="T""#))
        }
    }

    @Test func mentionCompletionOffersOnlyPeopleWhoCanReadTheBoard() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let boardPath = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            #expect(try await pat.get("\(boardPath)/threads/new").text.contains(#"data-mentions="\#(boardPath)/people""#))
            let found = try await pat.get("\(boardPath)/people?q=fac")
            #expect(found.headers[.contentType] == "application/json")
            #expect(try JSONDecoder().decode([String].self, from: Data(buffer: found.body)) == ["Facilitatora"])
            #expect(try JSONDecoder().decode([String].self, from: Data(buffer: try await pat.get("\(boardPath)/people?q=").body)).isEmpty)
            var outsider = try await CohortWorld.session(client, as: "participantB")
            #expect(try await outsider.get("\(boardPath)/people?q=fac").status == .notFound)
        }
    }
}

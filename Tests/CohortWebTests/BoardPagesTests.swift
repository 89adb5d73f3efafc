import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct BoardPagesTests {
    static let hostile = [
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
        "<b onmouseover=alert(1)>unclosed", String(repeating: "W", count: 3000), "\u{202E}reversed text",
        "{{csrfToken}} {{{html}}}", "<div><div><div>",
    ]

    @Test func hostilePostsAndTitlesRenderInert() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards")
            let boardPath = try #require(boards.text.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let created = try await pat.post("\(boardPath)/threads", [
                "title": "<script>alert('title')</script>", "body": Self.hostile.joined(separator: "\n\n"), "kind": "discussion",
            ])
            #expect(created.status == .seeOther)
            let threadPath = try #require(created.location)
            for payload in Self.hostile {
                _ = try await pat.post("\(threadPath)/posts", ["body": payload])
            }
            for page in [threadPath, String(boardPath), "/search?q=alert", "/notifications"] {
                let html = try await pat.get(page).text
                #expect(!html.contains("<script>alert"), "\(page)")
                #expect(!html.contains("<img src=x"), "\(page)")
                #expect(!html.contains("href=\"javascript"), "\(page)")
                #expect(!html.contains("<b onmouseover"), "\(page)")
            }
            let thread = try await pat.get(threadPath).text
            #expect(thread.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
            #expect(thread.contains("{{csrfToken}} {{{html}}}"))  // Mustache in user text stays text
            #expect(thread.contains(String(repeating: "W", count: 3000)))
        }
    }

    @Test func aQuestionIsAskedAnsweredWithAMentionAcceptedAndFound() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let qa = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>Q&amp;A/#)?.1)
            let form = try await pat.get("\(qa)/threads/new")
            #expect(form.text.contains(#"value="question" checked"#))
            let asked = try await pat.post("\(qa)/threads", ["title": "Where is the rubric?", "body": "I cannot find it.", "kind": "question"])
            let threadPath = try #require(asked.location)

            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            let answered = try await fay.post("\(threadPath)/posts", ["body": "In the portfolio guide, @Pat Alpha."])
            #expect(answered.status == .seeOther)
            let postId = try #require(answered.location?.split(separator: "-").last.map(String.init))

            let dashboard = try await pat.get("/")
            #expect(dashboard.text.contains(#"id="unread-count">1"#))
            #expect(dashboard.text.contains("Facilitatora replied to you in “Where is the rubric?”"))
            let notifications = try await pat.get("/notifications")
            #expect(notifications.text.contains("\(threadPath)#post-\(postId)"))

            let thread = try await pat.get(threadPath)
            #expect(thread.text.contains("Accept as the answer"))
            #expect(try await pat.post("\(threadPath)/accept", ["postId": postId]).status == .seeOther)
            let accepted = try await pat.get(threadPath).text
            #expect(accepted.contains(#"<section class="accepted-answer""#))
            #expect(!(try await pat.get("/").text.contains(#"id="unread-count""#)))

            let found = try await pat.get("/search?q=rubric")
            #expect(found.text.contains("Where is the rubric?"))
            #expect(found.text.contains("<mark>rubric</mark>"))
            // A GET form sends spaces as +.
            #expect(try await pat.get("/search?q=where+rubric").text.contains("1 result"))
        }
    }

    /// A double or triple click on "Post reply" or "Start thread" sends the same form (and
    /// its one-time key) again: each repeat answers with the first result.
    @Test func aFormSentAgainCreatesOnceAndAnswersWithTheFirstResult() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let general = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let newThread = try await pat.get("\(general)/threads/new").text
            let threadKey = try #require(newThread.firstMatch(of: #/name="_submission" value="([A-Za-z0-9_-]+)"/#)?.1)
            let fields = ["title": "Three clicks", "body": "Sent once.", "kind": "discussion", "_submission": String(threadKey)]
            let started = try await pat.post("\(general)/threads", fields)
            let again = try await pat.post("\(general)/threads", fields)
            #expect(started.status == .seeOther && again.status == .seeOther)
            let threadPath = try #require(started.location)
            #expect(again.location == threadPath)
            #expect(try await pat.get(String(general)).text.components(separatedBy: "Three clicks").count == 2)

            let thread = try await pat.get(threadPath).text
            let key = try #require(thread.firstMatch(of: #/name="_submission" value="([A-Za-z0-9_-]+)"/#)?.1)
            #expect(key != threadKey)
            let reply = ["body": "Posted once, clicked thrice.", "_submission": String(key)]
            let locations = try await [pat.post("\(threadPath)/posts", reply), pat.post("\(threadPath)/posts", reply),
                                       pat.post("\(threadPath)/posts", reply)].map(\.location)
            #expect(Set(locations).count == 1 && locations[0] != nil)
            #expect(try await pat.get(threadPath).text.components(separatedBy: "Posted once, clicked thrice.").count == 2)
            #expect(try await pat.get(String(general)).text.contains("· 1 reply ·"))

            // A refused form comes back with its key, so sending it again after a fix is still one post.
            let refused = try await pat.post("\(threadPath)/posts", ["body": " ", "_submission": "kept-key"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"name="_submission" value="kept-key""#))
        }
    }

    /// Deleting asks first; a facilitator can show again what they hid, and the note says
    /// why once.
    @Test func deletingAsksFirstAndAHiddenPostCanBeShownAgain() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let general = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let threadPath = try #require(try await pat.post("\(general)/threads", ["title": "Mine", "body": "Opening", "kind": "discussion"]).location)
            let reply = try #require(try await pat.post("\(threadPath)/posts", ["body": "Second thoughts"]).location)
            let postId = try #require(reply.split(separator: "-").last.map(String.init))
            let thread = try await pat.get(threadPath).text
            #expect(thread.contains(#"<a href="/posts/\#(postId)/delete">Delete</a>"#))
            let ask = try await pat.get("/posts/\(postId)/delete")
            #expect(ask.status == .ok && ask.text.contains("Delete this post?") && ask.text.contains("Second thoughts"))
            #expect(try await pat.get(threadPath).text.contains("Second thoughts"))  // asking deleted nothing
            #expect(try await pat.post("/posts/\(postId)/delete", [:]).status == .seeOther)
            #expect(try await pat.get("/posts/\(postId)/delete").status == .conflict)

            let other = try #require(try await pat.post("\(threadPath)/posts", ["body": "A link to my drive"]).location)
            let otherId = try #require(other.split(separator: "-").last.map(String.init))
            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            #expect(try await fay.post("/posts/\(otherId)/hide", ["reason": "Links to private documents are not shared."]).status == .seeOther)
            let hidden = try await fay.get(threadPath).text
            #expect(hidden.contains("Hidden by a facilitator: Links to private documents are not shared."))
            #expect(hidden.contains(#"action="/posts/\#(otherId)/unhide""#))
            #expect(!(try await pat.get(threadPath).text.contains("/unhide")))
            #expect(try await pat.post("/posts/\(otherId)/unhide", [:]).status == .forbidden)
            #expect(try await fay.post("/posts/\(otherId)/unhide", [:]).status == .seeOther)
            #expect(try await pat.get(threadPath).text.contains("A link to my drive"))
        }
    }

    @Test func limitsKeepTheTextAndSayWhy() async throws {
        var limited = try await CohortWorld()
        limited.world.settings.postingLimits = PostingLimits(postsPerMinute: 2, topicsPerMinute: 5, maximumPostLength: 50)
        let world = limited
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let general = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let long = try await pat.post("\(general)/threads", ["title": "Hi", "body": String(repeating: "z", count: 51), "kind": "discussion"])
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("up to 50 characters"))
            #expect(long.text.contains(String(repeating: "z", count: 51)))
            let thread = try #require(try await pat.post("\(general)/threads", ["title": "Hi", "body": "one", "kind": "discussion"]).location)
            _ = try await pat.post("\(thread)/posts", ["body": "two"])
            let fast = try await pat.post("\(thread)/posts", ["body": "three, kept"])
            #expect(fast.status == .tooManyRequests)
            #expect(fast.text.contains("You are posting very fast"))
            #expect(fast.text.contains("three, kept</textarea>"))
        }
    }

    @Test func facilitatorsModerateAndParticipantsCannot() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let general = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let thread = try #require(try await pat.post("\(general)/threads", ["title": "Hello", "body": "rude words", "kind": "discussion"]).location)
            let postId = try #require(try await pat.get(thread).text.firstMatch(of: #/id="post-(\d+)"/#)?.1)
            #expect(try await pat.get("/moderation").status == .forbidden)
            #expect(try await pat.post("\(thread)/lock", ["on": "true"]).status == .forbidden)
            #expect(try await pat.post("/posts/\(postId)/hide", ["reason": "x"]).status == .forbidden)

            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            #expect(try await fay.post("/posts/\(postId)/flag", ["reason": "Unkind wording"]).status == .seeOther)
            let queue = try await fay.get("/moderation")
            #expect(queue.text.contains("Unkind wording"))
            #expect(try await fay.post("/posts/\(postId)/hide", ["reason": "Please keep it kind"]).status == .seeOther)
            #expect(try await fay.post("\(thread)/lock", ["on": "true"]).status == .seeOther)
            let after = try await pat.get(thread).text
            #expect(after.contains("Hidden by a facilitator: Please keep it kind"))
            #expect(!after.contains("rude words"))
            #expect(try await pat.post("\(thread)/posts", ["body": "let me in"]).status == .conflict)
            #expect(!(try await fay.get("/moderation").text.contains("Unkind wording")))
        }
    }

    @Test func editsShowEditedWithHistoryAndDeletesLeaveAPlace() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let general = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let thread = try #require(try await pat.post("\(general)/threads", ["title": "Edits", "body": "first words", "kind": "discussion"]).location)
            let reply = try #require(try await pat.post("\(thread)/posts", ["body": "speling"]).location)
            let postId = try #require(reply.split(separator: "-").last.map(String.init))
            #expect(try await pat.get("/posts/\(postId)/edit").text.contains(">speling</textarea>"))
            #expect(try await pat.post("/posts/\(postId)/edit", ["body": "spelling"]).status == .seeOther)
            let page = try await pat.get(thread).text
            #expect(page.contains(">edited</a>"))
            let history = try await pat.get("/posts/\(postId)/history").text
            #expect(history.contains("speling") && history.contains("spelling"))
            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            #expect(try await fay.post("/posts/\(postId)/edit", ["body": "hijack"]).status == .forbidden)
            #expect(try await pat.post("/posts/\(postId)/delete").status == .seeOther)
            let deleted = try await pat.get(thread).text
            #expect(deleted.contains("Deleted by its author."))
            #expect(deleted.contains("id=\"post-\(postId)\""))
            // Quoting fills the reply form.
            let quote = try await fay.get("\(thread)?quote=\(try #require(page.firstMatch(of: #/id="post-(\d+)"/#)?.1))")
            #expect(quote.text.contains("&gt; **Pat Alpha** wrote:"))
        }
    }
}

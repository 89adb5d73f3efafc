import Foundation
import GRDB

extension AppDatabase {
    /// Threads for the demo cohort's boards, written over the past days through the
    /// same calls people use.
    func loadDemoConversations(cohortId: Int64, now: Date) async throws {
        func person(_ email: String) async throws -> Viewer {
            try await viewer(userId: try await user(email: email)!.id!)
        }
        func hoursAgo(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }
        let limits = PostingLimits.unlimitedRate
        let admin = try await person(DemoData.admin.email)
        let portfolioHelp = try await addBoard(title: "Portfolio help", cohortId: nil, viewer: admin, now: hoursAgo(24 * 40))
        let boards = try await boards(forCohort: cohortId, viewer: admin)
        func board(_ title: String) -> Int64 { boards.first { $0.board.title == title }!.board.id! }

        let maya = try await person(DemoData.facilitator.email)
        let amara = try await person("amara.diallo@example.org")
        let ben = try await person("ben.carter@example.org")
        let chloe = try await person("chloe.nguyen@example.org")
        let diego = try await person("diego.santos@example.org")

        let welcome = try await startTopic(
            boardId: board("General"), title: "Welcome to our PLC: start here",
            body: """
                Welcome, everyone! This is our **Professional Learning Community**: ask, answer and share here between our live meetings.

                - Post questions about the course in **Q&A**; accept the answer that helped you.
                - Each session has its own board for the week's work.
                - Mention someone with @ and their name to bring them in.
                """, kind: .discussion, viewer: maya, limits: limits, now: hoursAgo(24 * 30))
        try await setPinned(topicId: welcome.id!, true, viewer: maya)
        _ = try await reply(topicId: welcome.id!, body: "Thanks Maya! Looking forward to learning with you all.", viewer: ben,
                            limits: limits, now: hoursAgo(24 * 29))

        let question = try await startTopic(
            boardId: board("Q&A"), title: "Which artifact shows 2.3.c (safe, legal and ethical use)?",
            body: "I taught a unit on image licences. Would the lesson plan alone show **2.3.c**, or do I need student work too?",
            kind: .question, viewer: amara, limits: limits, now: hoursAgo(50))
        let answer = try await reply(
            topicId: question.id!, body: """
                Student work makes it much stronger: the evaluators want to see learners *applying* it. I added a short \
                reflection from two students and a screenshot of their attributions. @Amara Diallo happy to share my rubric.
                """, viewer: ben, limits: limits, now: hoursAgo(46))
        _ = try await reply(topicId: question.id!, to: answer.id, body: "Yes please, Ben! Could you post it here?",
                            viewer: amara, limits: limits, now: hoursAgo(45))
        _ = try await reply(topicId: question.id!, body: "Agree with Ben. See the portfolio guide, page 4, on [evidence of impact](https://www.iste.org/standards).",
                            viewer: maya, limits: limits, now: hoursAgo(40))
        try await acceptAnswer(topicId: question.id!, postId: answer.id!, viewer: amara)

        let help = try await startTopic(
            boardId: portfolioHelp.id!, title: "How many artifacts can one criterion use?",
            body: "Each indicator links **one** artifact, right? And the whole portfolio needs between 9 and 14 different ones?",
            kind: .question, viewer: diego, limits: limits, now: hoursAgo(30))
        let rule = try await reply(topicId: help.id!, body: "Yes: one artifact per indicator, each with its own contextualization; one artifact may serve several indicators, and the portfolio uses 9 to 14 distinct artifacts.",
                                   viewer: maya, limits: limits, now: hoursAgo(28))
        try await acceptAnswer(topicId: help.id!, postId: rule.id!, viewer: diego)

        // A long, lively thread: a hundred posts.
        let everyone = [maya, amara, ben, chloe, diego]
        let tools = try await startTopic(
            boardId: board("General"), title: "Share one tool you love (and why)",
            body: "One tool per post, please: what it is, how your learners use it, and one thing to watch out for.",
            kind: .discussion, viewer: maya, limits: limits, now: hoursAgo(24 * 20))
        let tips = ["Padlet for exit tickets: quick to read, but set posts to need approval.",
                    "A shared slide deck where each group owns one slide: watch the edit history.",
                    "Screencast recordings for feedback: learners replay them; keep them under two minutes.",
                    "A class podcast feed: the shy ones shine; ask families for consent first.",
                    "Digital portfolios with weekly reflections: short prompts work best."]
        for index in 1...99 {
            _ = try await reply(topicId: tools.id!, body: "\(tips[index % tips.count]) (\(index))",
                                viewer: everyone[index % everyone.count], limits: limits,
                                now: hoursAgo(24 * 20 - Double(index) * 2))
        }

        let indicators = try await indicatorChoices()
        func codes(_ wanted: [String]) -> [Int64] { indicators.filter { wanted.contains($0.code) }.map(\.id) }
        let unit = try await createArtifact(
            cohortId: cohortId, title: "Image licence mini-unit",
            description: "Three lessons where learners find, check and credit images for a class book. Includes the **rubric** and two pieces of student work.",
            indicatorIds: codes(["2.3.b", "2.3.c"]), file: nil, link: "https://example.org/ben/image-licences",
            viewer: ben, now: hoursAgo(60))
        _ = try await addFeedback(artifactId: unit.id!, versionNumber: 1,
                                  body: "The attribution checklist is great. For 2.3.c, add one learner's reflection on *why* credit matters.",
                                  indicatorId: codes(["2.3.c"]).first, parentId: nil, viewer: chloe, limits: limits, now: hoursAgo(55))
        _ = try await requestFeedback(artifactId: unit.id!, from: [amara.id], viewer: ben, now: hoursAgo(54))
        _ = try await createArtifact(
            cohortId: cohortId, title: "Choice board for a reading unit",
            description: "Learners choose a podcast, a comic or an essay to show what they understood.",
            indicatorIds: codes(["2.5.a", "2.7.a"]), file: nil, link: "https://example.org/emma/choice-board",
            viewer: try await person("emma.schmidt@example.org"), now: hoursAgo(26))

        let session = try await startTopic(
            boardId: board("Session 3"), title: "Naming our digital-access issue",
            body: "Our district lends laptops but many families have no home internet. I am framing it with design thinking: *empathise* first. What did you pick?",
            kind: .discussion, viewer: chloe, limits: limits, now: hoursAgo(20))
        let diegoReply = try await reply(topicId: session.id!, body: "Mine is captioning: our videos have none, so two of my learners miss half of each lesson.",
                                         viewer: diego, limits: limits, now: hoursAgo(18))
        _ = try await reply(topicId: session.id!, to: diegoReply.id, body: "That is a great one, @Diego Santos. Auto-captions plus a quick human check?",
                            viewer: chloe, limits: limits, now: hoursAgo(17))
        _ = try await reply(topicId: session.id!, body: "Hotspot lending at the library worked for us; I can share the request template.",
                            viewer: ben, limits: limits, now: hoursAgo(3))
    }
}

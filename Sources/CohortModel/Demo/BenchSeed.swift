import Foundation
import GRDB

/// A database of realistic size for benchmarks: cohorts with members, boards full
/// of threads with threaded replies, one 100-post thread that a known bench account
/// can read, artifacts with feedback and portfolios waiting for review. Written straight
/// into the tables in one transaction (going through the per-post calls would take minutes); deterministic for a given size.
public struct BenchSeed: Sendable {
    public var cohorts = 50
    public var members = 2_500
    public var threads = 5_000
    public var posts = 100_000
    public var artifacts = 10_000
    public var portfolios = 500

    public static let benchEmail = "bench@example.org"
    public static let benchThreadTitle = "Benchmark thread with one hundred posts"

    public init(cohorts: Int = 50, members: Int = 2_500, threads: Int = 5_000, posts: Int = 100_000,
                artifacts: Int = 10_000, portfolios: Int = 500) {
        self.cohorts = cohorts
        self.members = members
        self.threads = threads
        self.posts = posts
        self.artifacts = max(artifacts, 1 + 10 * portfolios)
        self.portfolios = portfolios
    }

    /// Returns the id of the 100-post thread.
    @discardableResult
    public func seed(into database: AppDatabase, passwordHash: String, now: Date = Date()) async throws -> Int64 {
        try await database.writer.write { db in try self.seed(db, passwordHash: passwordHash, now: now) }
    }

    private func seed(_ db: Database, passwordHash: String, now: Date) throws -> Int64 {
        var random = SplitMix64(seed: 42)
        let program = try Program.filter(Program.Columns.slug == BuiltInProgram.slug).fetchOne(db)!
        let zone = TimeZone(identifier: "America/New_York")!
        var cohortIds: [Int64] = []
        for index in 0..<cohorts {
            let sessionOne = CalendarDay(now).adding(days: -(7 * (index % 20) + 30))
            let cohort = try AppDatabase.insertCohort(db, name: "Cohort \(index + 1)", programId: program.id!,
                                                      sessionOneOn: sessionOne, meetingHour: 17, meetingMinute: 0,
                                                      timeZone: zone, by: nil, now: now)
            cohortIds.append(cohort.id!)
        }
        // Members, spread evenly; the bench account is the first participant of cohort 1.
        var membersByCohort: [Int64: [Int64]] = [:]
        let insertUser = try db.cachedStatement(sql: """
            INSERT INTO user (email, name, role, passwordHash, createdAt) VALUES (?, ?, 'educator', ?, ?)
            """)
        let insertMember = try db.cachedStatement(sql: """
            INSERT INTO membership (cohortId, userId, role, createdAt) VALUES (?, ?, ?, ?)
            """)
        for index in 0..<members {
            let email = index == 0 ? Self.benchEmail : "member\(index)@bench.example.org"
            try insertUser.execute(arguments: [email, "Member \(Self.names[index % Self.names.count]) \(index)", passwordHash, now])
            let userId = db.lastInsertedRowID
            let cohortId = cohortIds[index % cohortIds.count]
            try insertMember.execute(arguments: [cohortId, userId, index % 50 == 49 ? "facilitator" : "participant", now])
            membersByCohort[cohortId, default: []].append(userId)
        }
        let boardsByCohort = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT id, cohortId FROM board WHERE cohortId IS NOT NULL"),
                                        by: { $0["cohortId"] as Int64 }).mapValues { $0.map { $0["id"] as Int64 } }
        let bodies = Self.bodies.map { ($0, PostMarkdown.html(from: $0)) }
        let insertTopic = try db.cachedStatement(sql: """
            INSERT INTO topic (boardId, authorId, title, kind, replyCount, lastPostId, lastPosterId, lastActivityAt, createdAt)
            VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)
            """)
        let insertPost = try db.cachedStatement(sql: """
            INSERT INTO post (topicId, authorId, parentId, depth, source, html, helpfulCount, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let index = try db.cachedStatement(sql: "INSERT INTO postSearch (rowid, title, body) VALUES (?, ?, ?)")
        var benchThread: Int64 = 0
        var postsLeft = posts
        for threadIndex in 0..<threads {
            let cohortId = cohortIds[threadIndex % cohortIds.count]
            let boards = boardsByCohort[cohortId]!
            let people = membersByCohort[cohortId]!
            let isBench = threadIndex == 0
            let boardId = isBench ? boards[0] : boards[Int(random.next() % UInt64(boards.count))]
            // About the same number of posts per thread on average; the last thread
            // takes what is left so the total is exact.
            let threadsLeft = threads - threadIndex
            let average = max(1, postsLeft / threadsLeft)
            let count = isBench ? 100 : threadsLeft == 1 ? max(1, postsLeft)
                : min(postsLeft - (threadsLeft - 1), 1 + Int(random.next() % UInt64(2 * average)))
            let start = now.addingTimeInterval(-Double(threads - threadIndex) * 600)
            let title = isBench ? Self.benchThreadTitle : "\(Self.subjects[threadIndex % Self.subjects.count]) (\(threadIndex))"
            let author = isBench ? people[0] : people[Int(random.next() % UInt64(people.count))]
            try insertTopic.execute(arguments: [boardId, author, title, threadIndex % 3 == 0 ? "question" : "discussion", author, start, start])
            let topicId = db.lastInsertedRowID
            if isBench { benchThread = topicId }
            var postIds: [(Int64, Int)] = []
            var lastPoster = author
            var last = start
            for postIndex in 0..<count {
                let (source, html) = bodies[Int(random.next() % UInt64(bodies.count))]
                let poster = postIndex == 0 ? author : people[Int(random.next() % UInt64(people.count))]
                var parent: (Int64, Int)?
                if postIndex > 0, random.next() % 3 == 0, let candidate = postIds.randomElement(using: &random), candidate.1 > 0 {
                    parent = candidate
                }
                let depth = postIndex == 0 ? 0 : (parent.map { $0.1 + 1 } ?? 1)
                last = start.addingTimeInterval(Double(postIndex) * 60)
                try insertPost.execute(arguments: [topicId, poster, parent?.0, depth, source, html, Int(random.next() % 4), last])
                let postId = db.lastInsertedRowID
                try index.execute(arguments: [postId, postIndex == 0 ? title : "", source])
                postIds.append((postId, depth))
                lastPoster = poster
            }
            postsLeft -= count
            try db.execute(sql: "UPDATE topic SET replyCount = ?, lastPostId = ?, lastPosterId = ?, lastActivityAt = ? WHERE id = ?",
                           arguments: [count - 1, postIds.last!.0, lastPoster, last, topicId])
        }
        try db.execute(sql: """
            UPDATE board SET topicCount = (SELECT COUNT(*) FROM topic WHERE boardId = board.id),
                             postCount = (SELECT COUNT(*) FROM post JOIN topic ON topic.id = post.topicId WHERE topic.boardId = board.id),
                             lastActivityAt = (SELECT MAX(lastActivityAt) FROM topic WHERE boardId = board.id)
            """)
        try seedArtifactsAndPortfolios(db, cohortIds: cohortIds, membersByCohort: membersByCohort, passwordHash: passwordHash,
                                       now: now, random: &random)
        return benchThread
    }

    static let names = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kai", "Logan", "Morgan", "Quinn", "Riley", "Sage", "Taylor"]
    static let subjects = ["Choosing artifacts for 2.5.a", "Feedback on my UDL lesson", "Digital citizenship unit ideas",
                           "Equitable access project: hotspots", "Rubrics for formative assessment", "Blended learning schedules",
                           "Citing images and licences", "Learner voice in goal setting", "Computational thinking in grade 4",
                           "Data dashboards for parents"]
    static let bodies = [
        "This week I tried a **choice board** for the reading unit. Learners picked between a podcast, a comic and a short essay; the quieter students chose the podcast more than I expected. How do you assess work that comes in such different forms?",
        "I would start from the standard's wording and ask what a learner would *do* to show it. For 2.7.a that means offering more than one way to show mastery, so your choice board is a good artifact. Add the rubric you used and one example of each format.",
        "Our district lends laptops, but many families have no internet at home. I am framing the advocacy project around hotspot lending through the library, with a short survey to measure need first. Has anyone run a survey like this?",
        "We did! The biggest lesson: keep it to five questions, translate it, and send it home on paper as well. Response rates doubled compared with the email version. Happy to share the questions if it helps.",
        "Quick question about the portfolio: does the contextualization for each indicator need to be long? Mine are about 150 words each and I worry that is too short for the evaluators.",
        "Short is fine when it is specific. Say what you did, with whom, and how it shows the indicator; then point to the exact part of the artifact. Evaluators read 25 of these per portfolio, so clarity beats length.",
        "- Plan the lesson with a colleague\n- Record the discussion\n- Reflect on what changed\n\nThat is how I am documenting 2.4.a. Does a shared planning doc count as evidence, or do they want the recording too?",
        "Thanks, this helped a lot. I rewrote my reflection with the `what / so what / now what` frame and it reads much better.",
    ]
}

/// A small seeded generator so that the same size gives the same database.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

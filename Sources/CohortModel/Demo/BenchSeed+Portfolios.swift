import Foundation
import GRDB

/// The artifact and review side of the benchmark database: artifacts with threaded
/// feedback, submitted portfolios in the evaluators' queue, and evaluator accounts.
extension BenchSeed {
    public static let evaluatorEmail = "evaluator@example.org"

    /// How many evaluators the seed makes (the first is `evaluatorEmail`), for concurrent claims.
    public static let evaluators = 8

    /// Artifact 1 belongs to the bench account; members who submit a portfolio get ten
    /// artifacts each (their evidence), the rest are spread over everyone.
    func seedArtifactsAndPortfolios(_ db: Database, cohortIds: [Int64], membersByCohort: [Int64: [Int64]],
                                    passwordHash: String, now: Date, random: inout SplitMix64) throws {
        let indicators = try Int64.fetchAll(db, sql: "SELECT id FROM indicator ORDER BY id")
        let cohortOf = Dictionary(membersByCohort.flatMap { cohort, people in people.map { ($0, cohort) } }) { first, _ in first }
        let everyone = cohortIds.flatMap { membersByCohort[$0]! }
        let benchUser = membersByCohort[cohortIds[0]]![0]
        let submitters = Array(everyone.filter { $0 != benchUser }.prefix(portfolios))
        let description = "A unit plan with the rubric I used and two samples of student work. *Feedback welcome* on the rubric."
        let descriptionHTML = PostMarkdown.html(from: description)
        let feedbackBodies = Self.bodies.map { ($0, PostMarkdown.html(from: $0)) }

        let insertArtifact = try db.cachedStatement(sql: """
            INSERT INTO artifact (ownerId, cohortId, title, descriptionSource, descriptionHTML, latestVersion, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?)
            """)
        let insertVersion = try db.cachedStatement(sql: """
            INSERT INTO artifactVersion (artifactId, number, note, link, createdAt) VALUES (?, 1, '', ?, ?)
            """)
        let tagIndicator = try db.cachedStatement(sql: "INSERT INTO artifactIndicator (artifactId, indicatorId) VALUES (?, ?)")
        let insertFeedback = try db.cachedStatement(sql: """
            INSERT INTO feedback (versionId, authorId, parentId, indicatorId, source, html, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        var versionsByOwner: [Int64: [Int64]] = [:]
        for index in 0..<artifacts {
            let owner = index == 0 ? benchUser
                : index <= submitters.count * 10 ? submitters[(index - 1) / 10] : everyone[index % everyone.count]
            let cohortId = cohortOf[owner]!
            let created = now.addingTimeInterval(-Double(artifacts - index) * 300)
            let indicator = indicators[index % indicators.count]
            try insertArtifact.execute(arguments: [owner, cohortId, "\(Self.artifactTitles[index % Self.artifactTitles.count]) (\(index))",
                                                   description, descriptionHTML, created, created])
            let artifactId = db.lastInsertedRowID
            try insertVersion.execute(arguments: [artifactId, "https://example.org/artifacts/\(index)", created])
            let versionId = db.lastInsertedRowID
            try tagIndicator.execute(arguments: [artifactId, indicator])
            versionsByOwner[owner, default: []].append(versionId)
            // Three pieces of feedback from peers, the last a reply to the first.
            let peers = membersByCohort[cohortId]!
            var first: Int64?
            for number in 0..<3 {
                let (source, html) = feedbackBodies[Int(random.next() % UInt64(feedbackBodies.count))]
                let author = peers[Int(random.next() % UInt64(peers.count))]
                try insertFeedback.execute(arguments: [versionId, author, number == 2 ? first : nil, number == 0 ? indicator : nil,
                                                       source, html, created.addingTimeInterval(Double(number + 1) * 3600)])
                if number == 0 { first = db.lastInsertedRowID }
            }
        }

        let insertPortfolio = try db.cachedStatement(sql: """
            INSERT INTO portfolio (userId, cohortId, state, reflectionSource, reflectionHTML, createdAt, updatedAt)
            VALUES (?, ?, 'submitted', ?, ?, ?, ?)
            """)
        let insertEntry = try db.cachedStatement(sql: """
            INSERT INTO portfolioEntry (portfolioId, indicatorId, artifactVersionId, contextSource, contextHTML) VALUES (?, ?, ?, ?, ?)
            """)
        let insertSubmission = try db.cachedStatement(sql: """
            INSERT INTO submission (portfolioId, attempt, state, submittedAt) VALUES (?, 1, 'queued', ?)
            """)
        let insertItem = try db.cachedStatement(sql: """
            INSERT INTO submissionItem (submissionId, criterion, indicatorId, artifactVersionId, html) VALUES (?, ?, ?, ?, ?)
            """)
        let reflection = "Over the fourteen weeks I moved from using tools *for* my students to designing with them."
        let context = "This artifact shows the indicator: I planned the unit with my co-teacher and used the rubric with 28 students."
        let (reflectionHTML, contextHTML) = (PostMarkdown.html(from: reflection), PostMarkdown.html(from: context))
        for (index, owner) in submitters.enumerated() {
            let submitted = now.addingTimeInterval(-Double(submitters.count - index) * 600)
            try insertPortfolio.execute(arguments: [owner, cohortOf[owner]!, reflection, reflectionHTML, submitted, submitted])
            let portfolioId = db.lastInsertedRowID
            try insertSubmission.execute(arguments: [portfolioId, submitted])
            let submissionId = db.lastInsertedRowID
            try insertItem.execute(arguments: [submissionId, 0, nil, nil, reflectionHTML])
            let versions = versionsByOwner[owner]!
            for (number, indicator) in indicators.enumerated() {
                let version = versions[number % versions.count]
                try insertEntry.execute(arguments: [portfolioId, indicator, version, context, contextHTML])
                try insertItem.execute(arguments: [submissionId, number + 1, indicator, version, contextHTML])
            }
        }

        for number in 1...Self.evaluators {
            let email = number == 1 ? Self.evaluatorEmail : "evaluator\(number)@bench.example.org"
            try db.execute(sql: "INSERT INTO user (email, name, role, passwordHash, createdAt) VALUES (?, ?, 'evaluator', ?, ?)",
                           arguments: [email, "Evaluator \(number)", passwordHash, now])
        }
    }

    static let artifactTitles = ["Choice board for fractions", "Digital citizenship unit", "Rubric for the podcast project",
                                 "Co-taught lesson on data", "Student portfolio template", "Coding club plan"]
}

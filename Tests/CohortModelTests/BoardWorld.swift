import Foundation
import GRDB
@testable import CohortModel

/// Cohort A with a facilitator and three participants, cohort B with one participant.
struct BoardWorld {
    let database: AppDatabase
    let cohortA: Cohort
    let cohortB: Cohort
    let facilitator: Viewer
    let ada: Viewer
    let ben: Viewer
    let cleo: Viewer
    let outsider: Viewer
    let admin: Viewer

    init() async throws {
        let database = try makeDatabase()
        self.database = database
        cohortA = try await database.makeCohort("Alpha")
        cohortB = try await database.makeCohort("Beta")
        func person(_ email: String, _ name: String, _ role: Role = .educator, in cohort: Cohort?, as cohortRole: CohortRole = .participant) async throws -> User {
            let user = try await database.makeUser(email, role: role, name: name)
            if let cohort { try await database.enrol(userId: user.id!, in: cohort.id!, as: cohortRole, by: nil) }
            return user
        }
        let f = try await person("fay@school.org", "Fay Facil", .facilitator, in: cohortA, as: .facilitator)
        let a = try await person("ada@school.org", "Ada Lovelace", in: cohortA)
        let b = try await person("ben@school.org", "Ben Carter", in: cohortA)
        let c = try await person("cleo@school.org", "Cleo Park", in: cohortA)
        let o = try await person("otto@school.org", "Otto Outside", in: cohortB)
        let r = try await person("root@school.org", "Root Admin", .admin, in: nil)
        facilitator = try await database.viewer(f)
        ada = try await database.viewer(a)
        ben = try await database.viewer(b)
        cleo = try await database.viewer(c)
        outsider = try await database.viewer(o)
        admin = try await database.viewer(r)
    }

    func board(_ title: String, of cohort: Cohort? = nil) async throws -> Board {
        try await database.reader.read { db in
            try Board.filter(Column("title") == title && Column("cohortId") == (cohort ?? cohortA).id!).fetchOne(db)!
        }
    }

    func ask(_ title: String = "How do I cite images?", body: String = "Which licence do I look for?",
             by viewer: Viewer? = nil, kind: Topic.Kind = .question, board: String = "Q&A", at now: Date = Date()) async throws -> Topic {
        try await database.startTopic(boardId: try await self.board(board).id!, title: title, body: body, kind: kind,
                                      viewer: viewer ?? ada, limits: .unlimitedRate, now: now)
    }

    func reply(_ topic: Topic, _ body: String, by viewer: Viewer, to parent: Int64? = nil, at now: Date = Date()) async throws -> Post {
        try await database.reply(topicId: topic.id!, to: parent, body: body, viewer: viewer, limits: .unlimitedRate, now: now)
    }

    func notices(_ viewer: Viewer) async throws -> [Notice] { try await database.notices(for: viewer) }
}

import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct RosterTests {
    struct World {
        let database: AppDatabase
        let cohort: Cohort
        let admin: Viewer
    }

    func world() async throws -> World {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort()
        let admin = try await database.viewer(try await database.makeUser("root@school.org", role: .admin))
        return World(database: database, cohort: cohort, admin: admin)
    }

    func memberCount(_ world: World) async throws -> Int {
        try await world.database.reader.read { db in
            try Membership.filter(Membership.Columns.cohortId == world.cohort.id!).fetchCount(db)
        }
    }

    @Test func aGoodFileEnrolsExistingPeopleAndInvitesNewOnes() async throws {
        let world = try await world()
        let ada = try await world.database.makeUser("ada@school.org")
        let csv = """
            Email,Name,Role
            ada@school.org,Ada Lovelace,participant
            New.Person@School.org,"Person, New",Facilitator

            third@school.org,Third Person,participant
            """
        let report = try await world.database.importRoster(csv: csv, into: world.cohort.id!, by: world.admin)
        #expect(report.applied)
        #expect(report.lines.map(\.row) == [2, 3, 5])
        #expect(report.lines[0].outcome == .enrolled)
        guard case .invited(let token) = report.lines[1].outcome else { Issue.record("expected an invitation"); return }
        let invitation = try await world.database.openInvitation(token: token)
        #expect(invitation.email == "new.person@school.org")
        #expect(invitation.role == .facilitator)
        #expect(invitation.cohortRole == .facilitator)
        #expect(report.invitedCount == 2)
        #expect(try await memberCount(world) == 1)
        let viewer = try await world.database.viewer(ada)
        #expect(viewer.cohortRoles[world.cohort.id!] == .participant)

        // Importing again: Ada is already a member, her role follows the file.
        let again = try await world.database.importRoster(
            csv: "ada@school.org,Ada Lovelace,facilitator", into: world.cohort.id!, by: world.admin)
        #expect(again.lines[0].outcome == .alreadyMember)
        #expect(try await world.database.viewer(ada).cohortRoles[world.cohort.id!] == .facilitator)
    }

    @Test func cellsAreTypedTextLikeAFormsFields() async throws {
        let world = try await world()
        let report = try await world.database.importRoster(
            csv: "ada@school.org,\u{1B}Ada \u{202E}Lovelace,participant", into: world.cohort.id!, by: world.admin)
        #expect(report.applied)
        #expect(report.lines.map(\.name) == ["Ada \u{202E}Lovelace\u{202C}"])  // the control dropped, the override closed
    }

    /// What spreadsheets export: a byte-order mark, semicolons or tabs, Windows line ends,
    /// quoted fields with the separator inside them.
    @Test func filesAsSpreadsheetsExportThemAreRead() throws {
        let files = [
            "\u{FEFF}email;name;role\r\nana@school.org;\"Ana; Maria\";participant\r\nbo@school.org;Bo, Jr.;facilitator\r\n",
            "email\tname\trole\nana@school.org\t\"Ana; Maria\"\tparticipant\nbo@school.org\tBo, Jr.\tfacilitator\n",
            "email,name,role\r\nana@school.org,\"Ana; Maria\",participant\r\nbo@school.org,\"Bo, Jr.\",facilitator",
        ]
        for text in files {
            let rows = try RosterFile(csv: text).rows
            #expect(rows.map(\.email) == ["ana@school.org", "bo@school.org"], "\(text.debugDescription)")
            #expect(rows.map(\.name) == ["Ana; Maria", "Bo, Jr."])
            #expect(rows.map(\.role) == [.participant, .facilitator])
            #expect(rows.allSatisfy { $0.problem == nil })
        }
        #expect(RosterFile.delimiter(of: "just one column\nsecond") == ",")
        #expect(RosterFile.delimiter(of: "\"a;b\",c") == ",")
    }

    @Test func aFileWithBadRowsChangesNothingAndSaysWhyRowByRow() async throws {
        let world = try await world()
        _ = try await world.database.makeUser("ada@school.org")
        let csv = """
            email,name,role
            ada@school.org,Ada,participant
            not-an-email,Bad Email,participant
            bob@school.org,Bob,teacher
            carol@school.org,Carol,participant
            CAROL@school.org,Carol Again,participant
            dan@school.org,,participant
            """
        let report = try await world.database.importRoster(csv: csv, into: world.cohort.id!, by: world.admin)
        #expect(!report.applied)
        #expect(report.rejectedCount == 4)
        let outcomes = report.lines.map(\.outcome)
        #expect(outcomes[0] == .notApplied("would be enrolled"))
        #expect(outcomes[1] == .rejected("bad email address"))
        #expect(outcomes[2] == .rejected("unknown role \"teacher\" (use participant or facilitator)"))
        #expect(outcomes[3] == .notApplied("would be invited"))
        #expect(outcomes[4] == .rejected("duplicate of row 5"))
        #expect(outcomes[5] == .rejected("name missing or longer than 120 characters"))
        #expect(try await memberCount(world) == 0)
        #expect(try await world.database.pendingInvitations().isEmpty)
    }

    @Test func unreadableAndEmptyFilesAreRefused() async throws {
        let world = try await world()
        await #expect(throws: RosterError.empty) {
            _ = try await world.database.importRoster(csv: "email,name,role\n\n", into: world.cohort.id!, by: world.admin)
        }
        // A broken quote is read to the end of the file and then fails the row checks.
        let broken = try await world.database.importRoster(csv: "a@b.org,\"unterminated,participant\nc@d.org,C,participant",
                                                           into: world.cohort.id!, by: world.admin)
        #expect(!broken.applied)
    }

    @Test func onlyAdminsImportRosters() async throws {
        let world = try await world()
        let facilitator = try await world.database.makeUser("f@school.org", role: .facilitator)
        try await world.database.enrol(userId: facilitator.id!, in: world.cohort.id!, as: .facilitator, by: nil)
        await #expect(throws: CohortError.rosterForAdmins) {
            _ = try await world.database.addMember(email: "x@school.org", name: "X", role: "participant",
                                                   to: world.cohort.id!, by: try await world.database.viewer(facilitator))
        }
        let stranger = try await world.database.makeUser("s@school.org")
        await #expect(throws: CohortError.cohortNotFound) {
            _ = try await world.database.addMember(email: "x@school.org", name: "X", role: "participant",
                                                   to: world.cohort.id!, by: try await world.database.viewer(stranger))
        }
    }

    @Test func addingOnePersonQuotesTheirNameSafely() async throws {
        let world = try await world()
        let report = try await world.database.addMember(email: "q@school.org", name: "Quinn \"Q\" O'Hara, Jr.",
                                                        role: "participant", to: world.cohort.id!, by: world.admin)
        #expect(report.applied)
        #expect(report.lines[0].name == "Quinn \"Q\" O'Hara, Jr.")
    }
}

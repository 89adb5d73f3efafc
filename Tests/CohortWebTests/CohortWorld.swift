import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Two cohorts, A in its third session and B, with a person in every seat:
/// admin, evaluator, facilitator and participant of A, facilitator and participant of B.
struct CohortWorld {
    var world: TestWorld
    let cohortA: Cohort
    let cohortB: Cohort

    static let emails = [
        "admin": "admin@school.org", "evaluator": "ev@school.org",
        "facilitatorA": "fa@school.org", "participantA": "pa@school.org",
        "facilitatorB": "fb@school.org", "participantB": "pb@school.org",
    ]

    init() async throws {
        world = try await TestWorld(withPeople: false)
        let database = world.database
        let hash = Password.hash(demoPassword, cost: 4)
        var ids: [String: Int64] = [:]
        for (seat, email) in Self.emails {
            let role: Role = seat == "admin" ? .admin : seat == "evaluator" ? .evaluator
                : seat.hasPrefix("facilitator") ? .facilitator : .educator
            let name = seat == "participantA" ? "Pat Alpha" : seat.capitalized
            ids[seat] = try await database.addUser(email: email, name: name, role: role, passwordHash: hash).id
        }
        let program = try await database.builtInProgram()
        // Session 3 met four days ago.
        let start = CalendarDay(Date()).adding(days: -(21 + 28 + 4))
        cohortA = try await database.createCohort(name: "Cohort Alpha", programId: program.id!, startsOn: start,
                                                  meetingHour: 17, timeZone: TimeZone(identifier: "America/Chicago")!, by: nil)
        cohortB = try await database.createCohort(name: "Cohort Beta", programId: program.id!, startsOn: start,
                                                  meetingHour: 9, timeZone: .gmt, by: nil)
        try await database.enrol(userId: ids["facilitatorA"]!, in: cohortA.id!, as: .facilitator, by: nil)
        try await database.enrol(userId: ids["participantA"]!, in: cohortA.id!, as: .participant, by: nil)
        try await database.enrol(userId: ids["facilitatorB"]!, in: cohortB.id!, as: .facilitator, by: nil)
        try await database.enrol(userId: ids["participantB"]!, in: cohortB.id!, as: .participant, by: nil)
    }

    func test<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await world.test(body)
    }

    static func session(_ client: any TestClientProtocol, as seat: String) async throws -> WebSession {
        var session = WebSession(client)
        if seat != "anonymous" { try await session.signIn(emails[seat]!) }
        return session
    }
}

/// Body of a multipart form with one file field, and its content type.
func multipartFile(field: String, filename: String, content: String) -> (String, ByteBuffer) {
    multipartForm(fields: [], file: (field, filename, Array(content.utf8)))
}

/// A multipart form as a browser sends it: text fields, then at most one file.
func multipartForm(fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])?) -> (String, ByteBuffer) {
    let boundary = "----cohort-test-boundary"
    var body = ByteBuffer()
    for (name, value) in fields {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }
    if let file {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n")
    }
    body.writeString("--\(boundary)--\r\n")
    return ("multipart/form-data; boundary=\(boundary)", body)
}

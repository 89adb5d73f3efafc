import Foundation
import GRDB

/// A certificate as its public page shows it.
public struct CertificateView: Sendable {
    public let certificate: Certificate
    public let holderName: String
    public let programName: String
    public let issuerName: String

    public func isValid(on day: CalendarDay) -> Bool {
        certificate.revokedAt == nil && CalendarDay(certificate.expiresOn).map { day <= $0 } ?? false
    }
}

extension AppDatabase {
    static func issueCertificate(_ db: Database, portfolio: Portfolio, submission: Submission, now: Date) throws {
        let cohort = try Cohort.fetchOne(db, id: portfolio.cohortId)!
        let program = try Program.fetchOne(db, id: cohort.programId)!
        let today = CalendarDay(now)
        var certificate = Certificate(
            userId: portfolio.userId, programId: program.id!, submissionId: submission.id!,
            code: SecureToken.generate().prefix(24).uppercased().replacingOccurrences(of: "_", with: "X").replacingOccurrences(of: "-", with: "Y"),
            issuedOn: today.description, expiresOn: today.adding(months: 12 * program.certificateValidYears).description)
        try certificate.insert(db)
        try db.audit("certificate.issue", by: nil, on: "certificate", id: certificate.id, detail: certificate.code, at: now)
    }

    /// Anyone may look a certificate up by its code.
    public func certificate(code: String) async throws -> CertificateView {
        try await reader.read { db in
            guard let certificate = try Certificate.filter(Column("code") == code.uppercased()).fetchOne(db),
                let holder = try User.fetchOne(db, id: certificate.userId),
                let program = try Program.fetchOne(db, id: certificate.programId)
            else { throw PortfolioError.certificateNotFound }
            return CertificateView(certificate: certificate, holderName: holder.name, programName: program.name, issuerName: program.issuerName)
        }
    }

    public func revokeCertificate(code: String, reason: String, viewer: Viewer, now: Date = Date()) async throws {
        guard viewer.mayAdminister else { throw PortfolioError.notAllowed }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.unicodeScalars.count <= PortfolioRules.maximumReasonLength else {
            throw PortfolioError.reasonRequired
        }
        try await writer.write { db in
            guard let certificate = try Certificate.filter(Column("code") == code.uppercased()).fetchOne(db) else {
                throw PortfolioError.certificateNotFound
            }
            try db.execute(sql: "UPDATE certificate SET revokedAt = ?, revokeReason = ? WHERE id = ?",
                           arguments: [now, reason, certificate.id])
            try db.audit("certificate.revoke", by: viewer.id, on: "certificate", id: certificate.id, detail: reason, at: now)
        }
    }
}

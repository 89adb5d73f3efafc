import CohortURLs
import Foundation
import GRDB

extension Database {
    /// The mail an invitation sends, queued with it.
    func queueInvitationMail(_ invitation: Invitation, token: String, now: Date) throws {
        let inviter = try invitation.invitedById.flatMap { try User.fetchOne(self, id: $0) }
        let cohortName = try invitation.cohortId.flatMap { try String.fetchOne(self, sql: "SELECT name FROM cohort WHERE id = ?", arguments: [$0]) }
        let place = cohortName.map { "the cohort “\($0)” on Cohort" } ?? "Cohort"
        let role = invitation.cohortRole?.title.lowercased() ?? invitation.role.title.lowercased()
        let who = inviter.map { "\($0.name) invited you" } ?? "You are invited"
        let content = MailContent(
            subject: cohortName.map { "You are invited to join \($0)" } ?? "You are invited to join Cohort",
            greeting: "Hello,",
            paragraphs: [
                "\(who) to join \(place) as \("aeiou".contains(role.first ?? "x") ? "an" : "a") \(role).",
                "Cohort is where your cohort discusses, shares work for feedback and builds portfolios between the live meetings.",
                "The link below works once, until \(MailTime.day(CalendarDay(invitation.expiresAt))). If you did not expect this mail, you can ignore it.",
            ],
            action: .init(label: "Create your account", path: SiteURL.invitation.path(token)),
            actionIsSecret: true)
        try queueMail(.invitation, to: MailRecipient(address: invitation.email), content, now: now)
    }
}

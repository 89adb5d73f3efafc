import Foundation
import Testing
@testable import CohortMail

@Suite("MailboxTransport")
struct MailboxTransportTests {
    /// A folder two levels inside a fresh one, to show the mailbox creates the whole path.
    private func scratch() -> (root: String, mailbox: String) {
        let root = NSTemporaryDirectory() + "cohort-mailbox-\(UUID().uuidString)"
        return (root, root + "/dev/mail")
    }

    @Test("writes one .eml named by date and message ID, creating the folder")
    func writes() async throws {
        let (root, directory) = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let message = MailFixtures.full()
        try await MailboxTransport(directory: directory).send(message)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files == ["20260101-000000-42.k3j4h@cohort.localhost.eml"])
        let written = try String(contentsOfFile: directory + "/" + files[0], encoding: .utf8)
        #expect(written == message.rendered())
    }

    @Test("sending the same message ID again replaces the file and leaves no temporary file")
    func retryReplaces() async throws {
        let (root, directory) = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mailbox = MailboxTransport(directory: directory)
        var message = MailFixtures.plain(subject: "first try")
        try await mailbox.send(message)
        message.subject = "second try"
        message.date = MailFixtures.newYear.addingTimeInterval(3600)
        try await mailbox.send(message)
        try await mailbox.send(MailFixtures.plain(id: "43.other@cohort.localhost"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["20260101-000000-42.k3j4h@cohort.localhost.eml", "20260101-000000-43.other@cohort.localhost.eml"])
        let written = try String(contentsOfFile: directory + "/" + files[0], encoding: .utf8)
        #expect(written.contains("Subject: second try\r\n"))
    }

    @Test("a hostile message ID cannot leave the folder")
    func hostileID() async throws {
        let (root, directory) = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await MailboxTransport(directory: directory).send(MailFixtures.plain(id: "../../etc/passwd"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files == ["20260101-000000-.._.._etc_passwd.eml"])
    }

    @Test("an unwritable folder is a temporary delivery error")
    func unwritable() async throws {
        let file = NSTemporaryDirectory() + "cohort-mailbox-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        await #expect {
            try await MailboxTransport(directory: file + "/inside").send(MailFixtures.plain())
        } throws: { error in
            guard case .temporary(let reason) = error as? MailDeliveryError else { return false }
            return reason.contains("development mailbox")
        }
    }
}

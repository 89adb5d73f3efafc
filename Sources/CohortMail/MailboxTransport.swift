import Foundation

/// The development mailbox: each message becomes `<directory>/<yyyyMMdd-HHmmss>-<id>.eml`, which
/// any mail program opens, so nothing leaves the machine while building the app.
public struct MailboxTransport: MailTransport {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func send(_ message: MailMessage) async throws {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let suffix = "-\(Self.fileSafe(message.safeMessageID)).eml"
            // A retry reuses the file an earlier attempt wrote, even if the message's date changed
            // in between, so one message is always one file.
            let existing = try files.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(suffix) }
            let name = existing ?? RFC5322Date.compact(from: message.date) + suffix
            let target = directory + "/" + name
            let temporary = directory + "/.\(name).\(UInt32.random(in: 0...UInt32.max)).tmp"
            guard files.createFile(atPath: temporary, contents: Data(message.rendered().utf8)) else {
                throw MailDeliveryError.temporary("Could not write \(temporary) for the development mailbox.")
            }
            // rename(2) replaces the target in one step, so a reader never sees half a message.
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                try? files.removeItem(atPath: temporary)
                throw MailDeliveryError.temporary("Could not move the message into \(target): \(reason).")
            }
        } catch let error as MailDeliveryError {
            throw error
        } catch {
            throw MailDeliveryError.temporary("Could not write to the development mailbox \(directory): \(error).")
        }
    }

    /// Letters, digits and `.-_@+` stay; anything else could leave the folder or confuse a shell.
    static func fileSafe(_ id: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_@+".unicodeScalars)
        // Dots may stay: without a "/" they cannot climb, and the date prefix keeps the file visible.
        return String(String.UnicodeScalarView(id.unicodeScalars.map { allowed.contains($0) ? $0 : "_" }).prefix(200))
    }
}

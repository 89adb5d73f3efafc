/// A file carried by a message, such as an iCalendar invitation.
public struct MailAttachment: Sendable {
    public var filename: String
    /// The full media type with its parameters, e.g. `text/calendar; method=PUBLISH`.
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// A mail URL that cannot be used, with a sentence for the operator who wrote it. The sentence
/// never repeats the URL, which may hold a password.
public struct SMTPSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

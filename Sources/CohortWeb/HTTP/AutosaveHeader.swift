import HTTPTypes

extension HTTPField.Name {
    /// Sent by the page's script when it saves as someone types: answered with 204
    /// instead of a redirect, and with 401, not a sign-in page, once the sign-in expired.
    static let autosave = HTTPField.Name("X-Autosave")!
}

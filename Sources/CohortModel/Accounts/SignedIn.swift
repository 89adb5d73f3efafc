/// A valid sign-in: the browser's session and who it belongs to.
public struct SignedIn: Sendable {
    public let session: LoginSession
    public let viewer: Viewer
    /// For the count in the page header.
    public let unreadNotices: Int
}

/// A valid sign-in: the browser's session and who it belongs to.
public struct SignedIn: Sendable {
    public let session: LoginSession
    public let viewer: Viewer
    /// For the count in the page header.
    public let unreadNotices: Int
    /// `DatabaseChanges.generation` before this was read: a page showing it is no
    /// newer than that.
    public let generation: UInt64
}

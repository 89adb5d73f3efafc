/// A valid sign-in: the browser's session and who it belongs to.
public struct SignedIn: Sendable {
    public let session: LoginSession
    public let viewer: Viewer
    /// For the count in the page header.
    public let unreadNotices: Int
    /// The person's `DatabaseChanges` generation this was read at: a page showing it
    /// is no newer than that. Nil when something was written during the read.
    public let generation: DatabaseChanges.Generation?
}

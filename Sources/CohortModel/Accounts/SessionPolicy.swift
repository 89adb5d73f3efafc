import Foundation

/// How long a sign-in lasts.
public struct SessionPolicy: Sendable {
    /// Signed out after this long without a request.
    public var idleTimeout: TimeInterval
    /// Signed out after this long whatever happens.
    public var absoluteLifetime: TimeInterval
    /// A session's last-seen time is written at most this often, to keep reads read-only.
    public var touchInterval: TimeInterval

    public init(idleTimeout: TimeInterval = 7 * 86_400, absoluteLifetime: TimeInterval = 30 * 86_400,
                touchInterval: TimeInterval = 300) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.touchInterval = touchInterval
    }
}

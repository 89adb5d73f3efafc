import Hummingbird
import Synchronization

/// The routes the router was given, kept to answer "which methods does this path
/// accept?" (405 with `Allow`) and for tests that walk every route. Filled once all
/// controllers have registered; the error middleware is built before that.
public final class RouteTable: Sendable {
    public struct Route: Sendable, Hashable {
        public let method: HTTPRequest.Method
        public let path: String
    }

    /// Each route with its path already split, as every write request is matched.
    private struct Pattern: Sendable {
        let route: Route
        /// nil for a parameter or a wildcard.
        let segments: [String?]

        init(_ route: Route) {
            self.route = route
            // The router writes parameters as `{name}` (`:name` when registering).
            segments = route.path.split(separator: "/").map { part in
                part.hasPrefix(":") || part.hasPrefix("{") || part == "*" ? nil : String(part)
            }
        }

        func matches(_ path: [Substring]) -> Bool {
            segments.count == path.count && zip(segments, path).allSatisfy { literal, segment in literal.map { $0 == segment } ?? true }
        }
    }

    private let storage = Mutex<[Pattern]>([])

    public var routes: [Route] { storage.withLock { $0.map(\.route) } }

    func record(_ descriptions: [Router<AppRequestContext>.RouteDescription]) {
        let patterns = descriptions.map { Pattern(Route(method: $0.method, path: $0.path.description)) }
        storage.withLock { $0 = patterns }
    }

    func methods(matching path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return storage.withLock { patterns in Set(patterns.lazy.filter { $0.matches(segments) }.map(\.route.method)) }
    }
}

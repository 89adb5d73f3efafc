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

    private let storage = Mutex<[Route]>([])

    public var routes: [Route] { storage.withLock { $0 } }

    func record(_ descriptions: [Router<AppRequestContext>.RouteDescription]) {
        let routes = descriptions.map { Route(method: $0.method, path: $0.path.description) }
        storage.withLock { $0 = routes }
    }

    func methods(matching path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return Set(routes.filter { Self.pattern($0.path, matches: segments) }.map(\.method))
    }

    private static func pattern(_ pattern: String, matches segments: [Substring]) -> Bool {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in
            // The router writes parameters as `{name}` (`:name` when registering).
            part.hasPrefix(":") || part.hasPrefix("{") || part == "*" || part == segment
        }
    }
}

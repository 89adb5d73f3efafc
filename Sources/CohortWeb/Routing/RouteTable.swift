import CohortURLs
import Foundation
import Hummingbird
import Synchronization

/// Every route with its policy, as the controllers declared them, and the routes the
/// router itself ended up with. It answers "which methods does this path accept?" (405
/// with `Allow`), "is this a route that carries its own secret?" (CSRF), prints
/// `cohort routes --json`, and lets tests walk every route. The error middleware is built
/// before the controllers register, so it is filled in as they do.
public final class RouteTable: Sendable {
    public struct Route: Sendable, Hashable, Encodable {
        public let method: HTTPRequest.Method
        public let url: URLPattern
        public let policy: RoutePolicy
        public let body: RouteBody
        public let csrf: RouteCSRF

        /// `/threads/{thread}/posts`
        public var path: String { url.description }

        enum CodingKeys: CodingKey { case method, path, policy, body, csrf }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(method.rawValue, forKey: .method)
            try container.encode(path, forKey: .path)
            try container.encode(policy, forKey: .policy)
            try container.encode(body, forKey: .body)
            try container.encode(csrf, forKey: .csrf)
        }
    }

    /// A route with its path already split, as every write request is matched.
    private struct Pattern: Sendable {
        let route: Route
        /// nil for a parameter.
        let segments: [String?]

        init(_ route: Route) {
            self.route = route
            segments = route.url.pattern.split(separator: "/").map { $0.hasPrefix(":") ? nil : String($0) }
        }

        func matches(_ path: [Substring]) -> Bool {
            segments.count == path.count && zip(segments, path).allSatisfy { literal, segment in literal.map { $0 == segment } ?? true }
        }
    }

    private struct State {
        var declared: [Pattern] = []
        var registered: [String] = []
    }

    private let state = Mutex(State())

    public init() {}

    public var routes: [Route] { state.withLock { $0.declared.map(\.route) } }

    func declare(_ route: Route) {
        state.withLock { $0.declared.append(Pattern(route)) }
    }

    /// What the router has, as `GET /threads/{thread}`, to find routes registered
    /// around the route groups (and so without a policy).
    func record(_ descriptions: [Router<AppRequestContext>.RouteDescription]) {
        state.withLock { $0.registered = descriptions.map { "\($0.method) \($0.path)" } }
    }

    /// Routes the router serves that no controller declared with a policy.
    var routesWithoutPolicy: [String] {
        state.withLock { state in
            let declared = Set(state.declared.map { "\($0.route.method) \($0.route.path)" })
            return state.registered.filter { !declared.contains($0) }.sorted()
        }
    }

    func methods(matching path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return state.withLock { state in
            Set(state.declared.lazy.filter { $0.matches(segments) }.map(\.route.method))
        }
    }

    func route(_ method: HTTPRequest.Method, matching path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return state.withLock { state in
            state.declared.first { $0.route.method == method && $0.matches(segments) }?.route
        }
    }

    /// The table as `cohort routes --json` prints it: one object per route, sorted by path.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let sorted = routes.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
        return String(decoding: try encoder.encode(sorted), as: UTF8.self)
    }
}

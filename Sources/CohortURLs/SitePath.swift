/// A URL of the site as the router matches it (`threads/:thread/posts`) and as a link
/// builds it (`/threads/12/posts`), from one definition. The arity types below let a
/// link be built only with as many values as the pattern has parameters.
public struct URLPattern: Sendable, Hashable, CustomStringConvertible {
    /// Without the leading slash, parameters written `:name`, as Hummingbird registers them.
    public let pattern: String

    init(_ pattern: String) {
        precondition(!pattern.hasPrefix("/"), "route patterns are written without the leading slash: \(pattern)")
        self.pattern = pattern
    }

    /// The names of the pattern's parameters, in order.
    public var parameterNames: [String] {
        pattern.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    /// The pattern with parameters in braces (`/threads/{thread}/posts`), as route tables print it.
    public var description: String {
        "/" + pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// Whether `path` is this URL (any values), or, with `orBelow`, a page under it.
    public func matches(_ path: String, orBelow: Bool = false) -> Bool {
        let mine = pattern.split(separator: "/"), theirs = path.split(separator: "/")
        guard theirs.count == mine.count || (orBelow && theirs.count > mine.count) else { return false }
        return zip(mine, theirs).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }

    func link(_ values: [String]) -> String {
        var remaining = values[...]
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            segment.hasPrefix(":") ? remaining.popFirst()! : String(segment)
        }
        precondition(remaining.isEmpty, "\(pattern) takes \(parameterNames.count) values")
        return "/" + segments.joined(separator: "/")
    }
}

/// A value that can stand in a path segment.
public protocol PathValue: Sendable {
    var pathSegment: String { get }
}

extension Int64: PathValue {
    public var pathSegment: String { String(self) }
}

extension Int: PathValue {
    public var pathSegment: String { String(self) }
}

extension String: PathValue {
    /// Tokens and codes are URL-safe already; anything else is percent-encoded.
    public var pathSegment: String {
        addingPercentEncoding(allowed: Self.unreservedPathCharacters)
    }

    private static let unreservedPathCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~,".utf8)

    private func addingPercentEncoding(allowed: Set<UInt8>) -> String {
        var result = ""
        for byte in utf8 {
            if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

/// Something the router can register: every arity below.
public protocol RoutePattern: Sendable {
    var url: URLPattern { get }
}

/// A URL with no parameters.
public struct SitePath: RoutePattern, Hashable {
    public let url: URLPattern
    public init(_ pattern: String) { url = URLPattern(pattern) }
    public var path: String { url.link([]) }
}

/// A URL with one parameter.
public struct SitePath1<A: PathValue>: RoutePattern {
    public let url: URLPattern
    public init(_ pattern: String) {
        url = URLPattern(pattern)
        precondition(url.parameterNames.count == 1, "\(pattern) must have one parameter")
    }
    public func path(_ a: A) -> String { url.link([a.pathSegment]) }
}

/// A URL with two parameters.
public struct SitePath2<A: PathValue, B: PathValue>: RoutePattern {
    public let url: URLPattern
    public init(_ pattern: String) {
        url = URLPattern(pattern)
        precondition(url.parameterNames.count == 2, "\(pattern) must have two parameters")
    }
    public func path(_ a: A, _ b: B) -> String { url.link([a.pathSegment, b.pathSegment]) }
}

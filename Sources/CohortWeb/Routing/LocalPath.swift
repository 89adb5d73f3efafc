import Foundation

/// Where a form may send a person back to: only a path on this site.
enum LocalPath {
    /// A `next` target is followed only when it is a path on this site.
    static func isLocal(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\")
            && !path.unicodeScalars.contains { $0.value < 0x20 }
    }

    /// Back to the page the form was on (with its query), when that is a page of this site.
    static func referer(_ referer: String) -> String? {
        guard let url = URL(string: referer), !url.path.isEmpty, isLocal(url.path) else { return nil }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }
}

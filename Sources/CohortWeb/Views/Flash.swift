import Foundation

/// A one-time message shown on the page after a redirect (POST/redirect/GET).
/// It travels in a short-lived cookie and is cleared once shown.
struct Flash: Codable, Sendable {
    enum Kind: String, Codable, Sendable {
        case notice
        case alert
    }

    var kind: Kind
    var text: String
    /// An optional link shown after the text, e.g. an invitation link to pass on.
    var link: String?

    static let cookieName = "cohort_flash"

    var cookieValue: String {
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return json.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(_ kind: Kind, _ text: String, link: String? = nil) {
        self.kind = kind
        self.text = text
        self.link = link
    }

    init?(cookieValue: String) {
        var base64 = cookieValue
            .replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let flash = try? JSONDecoder().decode(Flash.self, from: data)
        else { return nil }
        self = flash
    }
}

/// Splits a mail URL by hand rather than with Foundation's URL, whose handling of `@` and `:` in
/// passwords differs between platforms and whose errors would say nothing useful to an operator.
enum SMTPURLParser {
    struct Parts {
        var security: SMTPSettings.Security
        var host: String
        var port: Int
        var username: String?
        var password: String?
    }

    static func parse(_ url: String) throws(SMTPSettingsError) -> Parts {
        let text = url.trimmingSpaces
        guard let schemeEnd = text.range(of: "://") else {
            throw SMTPSettingsError("The mail URL must start with smtp:// (STARTTLS, port 587) or smtps:// (TLS, port 465).")
        }
        let security: SMTPSettings.Security
        let defaultPort: Int
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "smtp": (security, defaultPort) = (.startTLS, 587)
        case "smtps": (security, defaultPort) = (.tls, 465)
        default:
            throw SMTPSettingsError("The mail URL's scheme must be smtp or smtps.")
        }
        var authority = text[schemeEnd.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.contains(where: { "/?#".contains($0) }) else {
            throw SMTPSettingsError("The mail URL must not have a path, query or fragment: only user, password, host and port.")
        }
        var username: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let pieces = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            username = try percentDecode(pieces[0], what: "user name")
            password = pieces.count > 1 ? try percentDecode(pieces[1], what: "password") : nil
            guard username?.isEmpty == false else {
                throw SMTPSettingsError("The mail URL has an @ but no user name before it.")
            }
            guard password?.isEmpty == false else {
                throw SMTPSettingsError("The mail URL names a user but gives no password (write smtp://user:password@host).")
            }
        }
        let (host, port) = try hostAndPort(authority, defaultPort: defaultPort)
        return Parts(security: security, host: host, port: port, username: username, password: password)
    }

    private static func hostAndPort(_ authority: Substring, defaultPort: Int) throws(SMTPSettingsError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw SMTPSettingsError("The mail URL's IPv6 address is missing its closing ].")
            }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw SMTPSettingsError("The mail URL has text after its IPv6 address.") }
                portText = rest.dropFirst()
            }
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
            throw SMTPSettingsError("The mail URL needs a host name, such as smtp://user:password@mail.example.com:587.")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw SMTPSettingsError("The mail URL's port must be a number from 1 to 65535.")
        }
        return (String(host), port)
    }

    private static func percentDecode(_ text: Substring, what: String) throws(SMTPSettingsError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else {
                throw SMTPSettingsError("The mail URL's \(what) has a % that is not followed by two hex digits; write a literal % as %25.")
            }
            bytes.append(value)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw SMTPSettingsError("The mail URL's \(what) is not valid UTF-8 once percent-decoded.")
        }
        return decoded
    }
}

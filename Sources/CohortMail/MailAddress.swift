/// One mailbox: an address and, optionally, the name a mail program shows for it.
public struct MailAddress: Sendable, Hashable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The address as it may appear in a header or an SMTP command: control characters, spaces and
    /// angle brackets removed, because any of them would let the value end the `<...>` or the
    /// command line early and smuggle in a header or an SMTP command.
    var safeAddress: String {
        String(address.unicodeScalars.filter { scalar in
            !HeaderText.isControl(scalar) && scalar != " " && scalar != "<" && scalar != ">"
        }.map(Character.init))
    }

    /// Whether the address can be sent without SMTPUTF8, which this client does not speak.
    var isSendable: Bool {
        let address = safeAddress
        return address.unicodeScalars.allSatisfy(\.isASCII)
            && address.contains("@") && !address.hasPrefix("@") && !address.hasSuffix("@")
    }
}

/// "Sending what you typed": a held form, filled in again, with what was typed shown.
struct ResumePage: PageView {
    static let template = "resume"
    let title = "Sending what you typed"

    struct Field {
        let name: String
        let value: String
    }

    let action: String
    let csrfToken: String
    let fields: [Field]
    /// The texts the person wrote, so they can see them kept (and copy them if need be).
    let typed: [String]

    init(action: String, csrfToken: String, fields: FormFields) {
        self.action = action
        self.csrfToken = csrfToken
        self.fields = fields.filter { $0.name != "_csrf" }.map { Field(name: $0.name, value: $0.value) }
        typed = self.fields.filter { !$0.name.hasPrefix("_") && $0.value.contains(where: \.isWhitespace) }.map(\.value)
    }
}

/// The page a confirmation link opens: opening it changes nothing (mail scanners
/// open links too); the button does.
struct EmailChangePage: PageView {
    static let template = "email-change"
    let title = "Confirm your new address"
    var csrfToken: String
    var name: String
    var oldEmail: String
    var newEmail: String
    var action: String
}

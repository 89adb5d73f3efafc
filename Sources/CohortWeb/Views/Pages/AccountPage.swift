struct AccountPage: PageView {
    static let template = "account"
    let title = "Your account"
    var csrfToken: String
    var name: String
    var email: String
    var roleTitle: String
    var nameError: String?
    var passwordError: String?
    var minimumPasswordLength: Int
    var timeZone: String
    var timeZoneError: String?
    var zones: [String]
}

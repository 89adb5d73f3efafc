// Forms as posted by the pages. Every field is optional so that a missing field is
// reported next to the field, not as a decoding failure.

struct LoginForm: Decodable {
    var email: String?
    var password: String?
    var next: String?
}

struct NewAccountForm: Decodable {
    var name: String?
    var email: String?
    var password: String?
    var passwordConfirmation: String?
}

struct NameForm: Decodable {
    var name: String?
}

struct PasswordChangeForm: Decodable {
    var currentPassword: String?
    var newPassword: String?
    var passwordConfirmation: String?
}

struct InviteForm: Decodable {
    var email: String?
    var role: String?
}

struct TimeZoneForm: Decodable {
    var timeZone: String?
}

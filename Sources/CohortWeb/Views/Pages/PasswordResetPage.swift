import CohortModel

/// "Forgot your password?": asking for a link, being told it is on its way, and
/// choosing the new password.
struct PasswordResetPage: PageView {
    static let template = "password-reset"
    let title = "Reset your password"
    var heading = "Reset your password"
    var csrfToken: String
    var requesting = false
    var sent = false
    var choosing = false
    var email = ""
    var action = ""
    var error: String?
    var minimumPasswordLength = Password.minimumLength
}

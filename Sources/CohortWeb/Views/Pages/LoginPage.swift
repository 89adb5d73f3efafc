struct LoginPage: PageView {
    static let template = "login"
    let title = "Sign in"
    var csrfToken: String
    var email = ""
    var next = ""
    var error: String?
    /// Shown when no admin exists yet, to point at the setup link the server printed.
    var needsSetup = false
}

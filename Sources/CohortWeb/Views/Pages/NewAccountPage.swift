/// The form that creates an account: the first admin's (setup) or an invitee's.
struct NewAccountPage: PageView {
    static let template = "new-account"
    var title: String
    var csrfToken: String
    var action: String
    var intro: String
    /// An invitee's email is fixed by the invitation; setup asks for it.
    var fixedEmail: String?
    var name = ""
    var email = ""
    var error: String?
    var submitLabel: String
    var minimumPasswordLength: Int
}

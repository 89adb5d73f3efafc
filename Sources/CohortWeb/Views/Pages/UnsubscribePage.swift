/// An unsubscribe link opened in a browser: confirm, then done. Mail programs post
/// to the same address in one click.
struct UnsubscribePage: PageView {
    static let template = "unsubscribe"
    let title = "Stop these mails"
    var heading = "Stop these mails"
    var csrfToken: String
    var email: String
    var topics: String
    var action: String
    var done = false
}

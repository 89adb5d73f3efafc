/// The thread page's posts, written straight into a string. A 100-post thread is the
/// busiest page on the site, and the template engine's per-field lookups cost several
/// times more than the page's database reads (see the README's Performance section).
/// Everything typed by people is escaped here; post bodies were sanitised when written.
extension ThreadPage {
    static func html(for items: some Sequence<PostItem>, count: Int, csrfToken: String, canReply: Bool) -> String {
        var html = ""
        html.reserveCapacity(count * 2_000)
        let token = HTMLText.escape(csrfToken)
        for item in items {
            write(item, csrfToken: token, canReply: canReply, into: &html)
        }
        return html
    }

    /// `csrfToken` is escaped already.
    private static func write(_ item: PostItem, csrfToken: String, canReply: Bool, into html: inout String) {
        let anchor = item.anchor
        html += "<article class=\"post \(item.depthClass)\(item.isNew ? " new" : "")\(item.isAccepted ? " accepted" : "")\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-by\">\n"
        html += "  <header class=\"post-head\">\n    <strong id=\"\(anchor)-by\">"
        HTMLText.append(item.authorName, to: &html)
        html += "</strong>\n    <a class=\"muted\" href=\"#\(anchor)\"><time datetime=\"\(item.datetime)\">"
        HTMLText.append(item.when, to: &html)
        html += "</time></a>\n"
        if item.edited { html += "    <a class=\"muted\" href=\"\(item.historyHref)\">edited</a>\n" }
        if item.isNew { html += "    <span class=\"badge warn\">New</span>\n" }
        if item.isAccepted { html += "    <span class=\"badge ok\">Accepted answer</span>\n" }
        if let name = item.inReplyTo {
            html += "    <span class=\"muted\">in reply to "
            HTMLText.append(name, to: &html)
            html += "</span>\n"
        }
        html += "  </header>\n"
        let tokenField = "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken)\">"
        if let note = item.removedNote {
            html += "  <p class=\"removed\"><em>"
            HTMLText.append(note, to: &html)
            html += "</em></p>\n"
            if let action = item.unhideAction {
                html += "  <footer class=\"post-tools\"><form class=\"inline\" method=\"post\" action=\"\(action)\">\(tokenField)<button type=\"submit\" class=\"link-button\">Show again</button></form></footer>\n"
            }
            html += "</article>\n"
            return
        }
        // Sanitised when it was written (PostMarkdown).
        html += "  <div class=\"post-body\">\(item.html)</div>\n  <footer class=\"post-tools\">\n"
        if let action = item.helpfulAction {
            html += "    <form class=\"inline\" method=\"post\" action=\"\(action)\">\(tokenField)<button type=\"submit\" class=\"link-button\" aria-pressed=\"\(item.helpfulPressed)\">Helpful (\(item.helpfulCount))</button></form>\n"
        } else {
            html += "    <span class=\"muted\">Helpful (\(item.helpfulCount))</span>\n"
        }
        if canReply { html += "    <a href=\"\(item.replyHref)\">Reply</a> <a href=\"\(item.quoteHref)\">Quote</a>\n" }
        if let action = item.acceptAction {
            html += "    <form class=\"inline\" method=\"post\" action=\"\(action)\">\(tokenField)<input type=\"hidden\" name=\"postId\" value=\"\(item.id)\"><button type=\"submit\" class=\"link-button\">\(item.acceptLabel)</button></form>\n"
        }
        if let href = item.editHref { html += "    <a href=\"\(href)\">Edit</a>\n" }
        if let href = item.deleteHref { html += "    <a href=\"\(href)\">Delete</a>\n" }
        if let action = item.flagAction {
            html += """
                    <details class="inline-details"><summary>Flag</summary>
                      <form method="post" action="\(action)" class="inline-form">\(tokenField)
                        <label for="\(anchor)-flag">What is wrong?</label><input id="\(anchor)-flag" name="reason" type="text" required maxlength="500">
                        <button type="submit" class="secondary">Send flag</button></form></details>

                """
        }
        if let action = item.hideAction {
            html += """
                    <details class="inline-details"><summary>Hide</summary>
                      <form method="post" action="\(action)" class="inline-form">\(tokenField)
                        <label for="\(anchor)-hide">Reason shown in its place</label><input id="\(anchor)-hide" name="reason" type="text" required maxlength="500">
                        <button type="submit" class="danger">Hide post</button></form></details>

                """
        }
        html += "  </footer>\n</article>\n"
    }
}

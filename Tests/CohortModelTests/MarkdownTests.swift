import Testing
@testable import CohortModel

@Suite struct MarkdownTests {
    @Test func everydayMarkdownRenders() {
        let html = PostMarkdown.html(from: """
            # Plan

            Some *emphasis*, **strong** and `code`.

            - one
            - two

            > quoted

            ```
            let x = 1 < 2
            ```

            [ISTE](https://www.iste.org/standards) and [mail](mailto:a@b.org)
            """)
        #expect(html.contains("<h1>Plan</h1>"))
        #expect(html.contains("<em>emphasis</em>"))
        #expect(html.contains("<strong>strong</strong>"))
        #expect(html.contains("<code>code</code>"))
        #expect(html.contains("<li>one</li>"))
        #expect(html.contains("<blockquote>"))
        #expect(html.contains("1 &lt; 2"))
        #expect(html.contains(#"<a href="https://www.iste.org/standards" rel="nofollow ugc noopener">ISTE</a>"#))
        #expect(html.contains(#"<a href="mailto:a@b.org" rel="nofollow ugc noopener">mail</a>"#))
    }

    static let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "hello <b onmouseover=alert(1)>bold</b>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](\" onmouseover=\"alert(1))",
        "[x](https://ok.example/\"><script>alert(1)</script>)",
        "![pic](javascript:alert(1))",
        "![a\" onerror=\"alert(1)](https://x.example/a.png)",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=https://evil.example></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<div style=\"x\" unclosed",
        "```\n</code><script>alert(1)</script>\n```",
        "`</code><script>alert(1)</script>`",
        "[x](https://a.example/ \"title\" onclick=alert(1))",
        "[ref][1]\n\n[1]: javascript:alert(1)",
        // Ink lets `&` and anything up to `;` through as if it were a character reference.
        "x &a<img/src=x/onerror=alert(1)>; y",
        "&x<script>alert(1)</script>;",
        "&a<div/style=x>;",
    ]

    @Test(arguments: hostile)
    func hostileInputRendersInert(_ source: String) {
        let html = PostMarkdown.html(from: source).lowercased()
        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("<img"), "\(html)")
        #expect(!html.contains("<iframe"), "\(html)")
        #expect(!html.contains("<svg"), "\(html)")
        #expect(!html.contains("<b "), "\(html)")
        #expect(!html.contains("<div"), "\(html)")
        // Every tag is a plain one or a link we built, with a checked URL.
        for tag in html.matches(of: /<[^>]*>/) {
            let text = String(tag.output)
            let plain = text.wholeMatch(of: /<\/?[a-z0-9]+>/) != nil
            let link = text.wholeMatch(of: /<a href="(https?|mailto):[^"<>\s]*" rel="nofollow ugc noopener">/) != nil
            #expect(plain || link, "\(text) in \(html)")
        }
    }

    @Test func ampersandsShowAsTypedAndReferencesStay() {
        #expect(PostMarkdown.html(from: "in **Q&A**; accept") == "<p>in <strong>Q&amp;A</strong>; accept</p>")
        #expect(PostMarkdown.html(from: "AT&T; ok &a<b>;") == "<p>AT&T; ok &amp;a&lt;b&gt;;</p>")  // `&T;` is no entity: shown as typed
        #expect(PostMarkdown.html(from: "&copy; &#169; &#xA9; &amp;") == "<p>&copy; &#169; &#xA9; &amp;</p>")
        #expect(PostMarkdown.html(from: "`x&=y;` and `&copy;`") == "<p><code>x&amp;=y;</code> and <code>&amp;copy;</code></p>")
        #expect(PostMarkdown.html(from: "[q](https://x.example/?a=1&b=2)")
            == #"<p><a href="https://x.example/?a=1&amp;b=2" rel="nofollow ugc noopener">q</a></p>"#)
        #expect(PostMarkdown.html(from: "a\(Character(Unicode.Scalar(0xFDD0)!))b") == "<p>ab</p>")  // the stand-in for `&` cannot be typed in
    }

    @Test func aPostStartingWithARuleKeepsItsText() {
        let html = PostMarkdown.html(from: "\n---\ntitle: hidden?\n---\nvisible")
        #expect(html.hasPrefix("<hr>"))
        #expect(html.contains("title: hidden?"))
        #expect(html.contains("visible"))
    }

    @Test func aLineLikeALinkDefinitionIsShown() {
        #expect(PostMarkdown.html(from: "[Note]: bring the rubric\n\nThen *this*.") == "<p>[Note]: bring the rubric</p><p>Then <em>this</em>.</p>")
        #expect(PostMarkdown.html(from: "[ISTE](https://www.iste.org/) first")
            == #"<p><a href="https://www.iste.org/" rel="nofollow ugc noopener">ISTE</a> first</p>"#)
        #expect(PostMarkdown.html(from: "```\n[a]: b\n```").contains("[a]: b"))  // code as typed, no backslash
        #expect(!PostMarkdown.html(from: "```\n[a]: b\n```").contains("\\"))
    }

    @Test func htmlRenderedBeforeTheFixIsRepairedWithoutItsSource() {
        #expect(PostMarkdown.repairingLiteralAmpersands(inRendered: "<p>x &a<img/src=x>; y &amp; &copy; &#169;</p>")
            == "<p>x &amp;a&lt;img/src=x&gt;; y &amp; &copy; &#169;</p>")
    }

    @Test func theMigrationRendersStoredHTMLAgain() async throws {
        let world = try await BoardWorld()
        let board = try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.ada)[0].board
        let topic = try await world.database.startTopic(boardId: board.id!, title: "Q", body: "&a<b>x</b>;", kind: .discussion,
                                                        viewer: world.ada)
        let ruled = try await world.database.startTopic(boardId: board.id!, title: "R", body: " ---\nkept\n---\nend", kind: .discussion,
                                                        viewer: world.ada)
        try await world.database.writer.write { db in
            // As the renderer wrote them before.
            try db.execute(sql: "UPDATE post SET html = '<p>&a<b>x</b>;</p>' WHERE topicId = ?", arguments: [topic.id!])
            try db.execute(sql: "UPDATE post SET html = '<p>end</p>' WHERE topicId = ?", arguments: [ruled.id!])
            try AppDatabase.renderMarkdownAgain(db)
            let html = try String.fetchOne(db, sql: "SELECT html FROM post WHERE topicId = ?", arguments: [topic.id!])
            #expect(html == "<p>&amp;a&lt;b&gt;x&lt;/b&gt;;</p>")
            #expect(try String.fetchOne(db, sql: "SELECT html FROM post WHERE topicId = ?", arguments: [ruled.id!])?.contains("kept") == true)
        }
    }

    @Test func imagesBecomeLinksToThePicture() {
        let html = PostMarkdown.html(from: "![diagram](https://x.example/d.png)")
        #expect(html.contains(#"<a href="https://x.example/d.png" rel="nofollow ugc noopener">image: diagram</a>"#))
    }
}

@Suite struct BareLinkTests {
    let link = { (url: String, text: String) in #"<a href="\#(url)" rel="nofollow ugc noopener">\#(text)</a>"# }

    @Test func aBareAddressBecomesALinkAndKeepsItsUnderscores() {
        let html = PostMarkdown.html(from: "See https://example.org/a_b_c/my_file_name.pdf for the rubric.")
        #expect(html == "<p>See \(link("https://example.org/a_b_c/my_file_name.pdf", "https://example.org/a_b_c/my_file_name.pdf")) for the rubric.</p>")
        #expect(!html.contains("<em>"))
    }

    @Test func sentencePunctuationQueriesAndParenthesesAreReadAsPeopleMeanThem() {
        #expect(PostMarkdown.html(from: "Read https://x.example/guide.")
            == "<p>Read \(link("https://x.example/guide", "https://x.example/guide")).</p>")
        #expect(PostMarkdown.html(from: "(see https://x.example/a)")
            == "<p>(see \(link("https://x.example/a", "https://x.example/a")))</p>")
        #expect(PostMarkdown.html(from: "https://en.wikipedia.org/wiki/Bloom_(taxonomy)")
            == "<p>\(link("https://en.wikipedia.org/wiki/Bloom_(taxonomy)", "https://en.wikipedia.org/wiki/Bloom_(taxonomy)"))</p>")
        #expect(PostMarkdown.html(from: "HTTPS://X.EXAMPLE/?a=1&b=_2_")
            == "<p>\(link("HTTPS://X.EXAMPLE/?a=1&amp;b=_2_", "HTTPS://X.EXAMPLE/?a=1&amp;b=_2_"))</p>")
    }

    @Test func addressesInCodeLinksAndMarkupAreLeftToMarkdown() {
        #expect(PostMarkdown.html(from: "`https://x.example/a_b`") == "<p><code>https://x.example/a_b</code></p>")
        #expect(!PostMarkdown.html(from: "```\nhttps://x.example/a_b\n```").contains("<a "))
        #expect(PostMarkdown.html(from: "[the guide](https://x.example/g)")
            == "<p>\(link("https://x.example/g", "the guide"))</p>")
        #expect(PostMarkdown.html(from: "[see https://x.example/a](https://x.example/b)").components(separatedBy: "<a ").count == 2)
        #expect(!PostMarkdown.html(from: "<a href=https://x.example/a>x</a>").contains("<a "))
        #expect(!PostMarkdown.html(from: "javascript://x.example/%0aalert(1)").contains("<a "))
        #expect(!PostMarkdown.html(from: "nohttps://x.example").contains("<a "))
        #expect(!PostMarkdown.html(from: "https:// nothing").contains("<a "))
    }

    @Test func anInvisibleFormatCharacterEndsAnAddress() {
        let html = PostMarkdown.html(from: TypedText.cleaned("https://x.example/a\u{202E}evil"))
        #expect(html.hasPrefix("<p>\(link("https://x.example/a", "https://x.example/a"))\u{202E}evil"))
    }

    @Test func hostileAddressesStayEscaped() {
        let html = PostMarkdown.html(from: "https://x.example/\"><script>alert(1)</script> https://x.example/'onmouseover=alert(1)")
        #expect(!html.contains("<script"))
        // Each address ends where a quote begins: what follows is text, in no attribute.
        #expect(html == "<p>\(link("https://x.example/", "https://x.example/"))\"&gt;&lt;script&gt;alert(1)&lt;/script&gt; "
            + "\(link("https://x.example/", "https://x.example/"))'onmouseover=alert(1)</p>")
    }
}

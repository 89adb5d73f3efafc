/// A page's view model: one struct per page, rendered by one template in
/// `templates/`, which holds no logic beyond sections.
protocol PageView: Sendable {
    /// Template name, relative to `templates/` and without `.mustache`.
    static var template: String { get }
    /// The document title (the site name is added by the layout).
    var title: String { get }
    /// Markup too large for the template engine, which copies what it inserts piece by
    /// piece: the page's template holds `PageRenderer.slot(n)` where `largeMarkup[n]`
    /// goes, and the renderer writes it straight into the response.
    var largeMarkup: [String] { get }
}

extension PageView {
    var largeMarkup: [String] { [] }
}

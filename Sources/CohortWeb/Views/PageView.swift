/// A page's view model: one struct per page, rendered by one template in
/// `templates/`, which holds no logic beyond sections.
protocol PageView: Sendable {
    /// Template name, relative to `templates/` and without `.mustache`.
    static var template: String { get }
    /// The document title (the site name is added by the layout).
    var title: String { get }
}

import Mustache

/// View models are plain structs, and the template engine would reflect (Mirror) on a
/// struct at every single lookup, which dominated page time in profiles. Reflecting
/// once per value and answering lookups from a table costs a small fraction of that.
/// Types that name their fields themselves (`MustacheParent`) pass through untouched.
struct ReflectedView: MustacheParent {
    private let fields: [String: Any]

    func child(named key: String) -> Any? {
        fields[key]
    }

    static func wrap(_ value: Any) -> Any {
        if value is MustacheParent || value is String || value is Int || value is Bool || value is Int64 {
            return value
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return Absent() }
            return wrap(wrapped)
        case .collection:
            return mirror.children.map { wrap($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for case let (label?, child) in mirror.children {
                fields[label] = wrap(child)
            }
            return ReflectedView(fields: fields)
        default:
            return value
        }
    }
}

/// A nil field: empty as a variable, false as a section, and found (so the lookup
/// stops here instead of falling through to an outer context that happens to use
/// the same name).
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

import Foundation

/// A form body's fields in the order sent, names repeated as browsers repeat them (for
/// a held form to be sent again exactly as it was).
struct FormFields: Sequence {
    private let pairs: [(name: String, value: String)]

    init(_ body: String) {
        pairs = body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    func first(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        pairs.makeIterator()
    }
}

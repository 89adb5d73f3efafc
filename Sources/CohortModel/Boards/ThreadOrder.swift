/// Threaded reading order: the opening post, then each reply followed by its own
/// replies. Nesting stops at `maximumDepth`; deeper replies are shown flat, saying
/// whom they answer.
enum ThreadOrder {
    static let maximumDepth = 3

    struct Item {
        let post: Post
        let displayDepth: Int
        /// Set when the reply is shown flat: the post it answers.
        let shownFlatUnder: Int64?
    }

    static func arrange(_ posts: [Post]) -> [Item] {
        guard let opening = posts.first else { return [] }
        var children: [Int64: [Post]] = [:]
        for post in posts.dropFirst() {
            children[post.parentId ?? opening.id!, default: []].append(post)
        }
        var items = [Item(post: opening, displayDepth: 0, shownFlatUnder: nil)]
        // Iterative depth-first walk: very deep threads cannot overflow the stack.
        var stack: [(Post, Int)] = (children[opening.id!] ?? []).reversed().map { ($0, 1) }
        while let (post, depth) = stack.popLast() {
            let shown = min(depth, maximumDepth)
            let flatUnder = depth > maximumDepth ? post.parentId : nil
            items.append(Item(post: post, displayDepth: shown, shownFlatUnder: flatUnder))
            stack += (children[post.id!] ?? []).reversed().map { ($0, depth + 1) }
        }
        return items
    }
}

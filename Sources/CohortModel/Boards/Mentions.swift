import Foundation
import GRDB

/// Finds who a post mentions: `@Full Name` or `@emailname` (the part of the email
/// before the @), matched without case against the people who can read the board.
enum Mentions {
    struct Candidate {
        let userId: Int64
        let name: String
        let email: String
    }

    static func mentioned(in text: String, among candidates: [Candidate]) -> Set<Int64> {
        guard text.contains("@") else { return [] }
        let lowered = text.lowercased()
        var found: Set<Int64> = []
        for candidate in candidates {
            let handles = [candidate.name.lowercased(), candidate.email.lowercased().split(separator: "@").first.map(String.init) ?? ""]
            for handle in handles where !handle.isEmpty && appears("@" + handle, in: lowered) {
                found.insert(candidate.userId)
            }
        }
        return found
    }

    /// `needle` occurs and is not followed by more of a name (so @ann is not @anna).
    private static func appears(_ needle: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let range = text.range(of: needle, range: searchRange) {
            let after = text[range.upperBound...]
            let continues = after.first.map {
                $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || ($0 == "." && after.dropFirst().first?.isLetter == true)
            } ?? false
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let glued = before.map { $0.isLetter || $0.isNumber } ?? false  // part of an email address
            if !continues && !glued { return true }
            searchRange = range.upperBound..<text.endIndex
        }
        return false
    }
}

extension AppDatabase {
    /// People the viewer may mention on a board whose name (any word of it) or email name
    /// starts with what they typed after `@`, for completion as they type.
    public func mentionSuggestions(boardId: Int64, typed: String, viewer: Viewer, limit: Int = 8) async throws -> [String] {
        let typed = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !typed.isEmpty, typed.count <= 60 else { return [] }
        return try await reader.read { db in
            let board = try BoardScope(viewer: viewer).readableBoard(id: boardId, db)
            return try Self.mentionCandidates(db, board: board)
                .filter { candidate in
                    candidate.userId != viewer.id
                        && (candidate.name.lowercased().hasPrefix(typed)
                            || candidate.name.lowercased().split(separator: " ").contains { $0.hasPrefix(typed) }
                            || candidate.email.lowercased().hasPrefix(typed))
                }
                .map(\.name).sorted().prefix(limit).map { $0 }
        }
    }
}

import CohortModel
import CohortURLs

/// A cohort's boards, with tools for those who run them.
struct BoardListPage: PageView {
    static let template = "boards"

    struct Item {
        let title: String
        let href: String
        /// "1 thread · 3 posts"
        let counts: String
        let scope: String?
        let archived: Bool
        let renameAction: String?
        let archiveAction: String?
        let archiveLabel: String
        let archiveValue: String
        let fieldId: String
    }

    var title: String
    var cohortName: String
    var cohortHref: String
    var csrfToken: String
    var boards: [Item]
    var canManage: Bool
    var addAction: String

    init(cohort: CohortOverview, boards: [BoardSummary], viewer: Viewer, csrfToken: String) {
        let cohortId = cohort.cohort.id!
        title = "Boards of \(cohort.cohort.name)"
        cohortName = cohort.cohort.name
        cohortHref = SiteURL.cohort.path(cohortId)
        self.csrfToken = csrfToken
        canManage = viewer.canManage(cohortId: cohortId)
        addAction = SiteURL.cohortBoards.path(cohortId)
        self.boards = boards.map { summary in
            let board = summary.board
            let editable = summary.abilities.canEdit
            return Item(
                title: board.title, href: SiteURL.board.path(board.id!), counts: "\(Wording.count(board.topicCount, "thread")) · \(Wording.count(board.postCount, "post"))",
                scope: board.isProgramWide ? "Shared by every cohort" : nil,
                archived: board.archivedAt != nil,
                renameAction: editable ? SiteURL.boardRename.path(board.id!) : nil,
                archiveAction: editable ? SiteURL.boardArchive.path(board.id!) : nil,
                archiveLabel: board.archivedAt == nil ? "Archive" : "Reopen",
                archiveValue: board.archivedAt == nil ? "true" : "false", fieldId: "board-\(board.id!)")
        }
    }
}

import CohortModel

/// A cohort's boards, with tools for those who run them.
struct BoardListPage: PageView {
    static let template = "boards"

    struct Item {
        let title: String
        let href: String
        let topicCount: Int
        let postCount: Int
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
        cohortHref = Paths.cohort(cohortId)
        self.csrfToken = csrfToken
        canManage = viewer.canManage(cohortId: cohortId)
        addAction = Paths.boards(cohortId)
        let manage = canManage
        self.boards = boards.map { summary in
            let board = summary.board
            let editable = manage && (!board.isProgramWide || viewer.isAdmin)
            return Item(
                title: board.title, href: Paths.board(board.id!), topicCount: board.topicCount,
                postCount: board.postCount, scope: board.isProgramWide ? "Shared by every cohort" : nil,
                archived: board.archivedAt != nil,
                renameAction: editable ? Paths.boardAction(board.id!, "rename") : nil,
                archiveAction: editable ? Paths.boardAction(board.id!, "archive") : nil,
                archiveLabel: board.archivedAt == nil ? "Archive" : "Reopen",
                archiveValue: board.archivedAt == nil ? "true" : "false", fieldId: "board-\(board.id!)")
        }
    }
}

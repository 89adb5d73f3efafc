/// Why a board action was refused.
public enum BoardError: UserFacingError, Equatable {
    case boardNotFound
    case topicNotFound
    case postNotFound
    case notAllowed
    case boardArchived
    case topicLocked
    case titleRequired
    case titleTooLong(maximum: Int)
    case bodyRequired
    case bodyTooLong(maximum: Int)
    case tooManyPosts(waitSeconds: Int)
    case tooManyTopics(waitSeconds: Int)
    case notAQuestion
    case notAnAnswer
    case reasonRequired
    case alreadyFlagged
    case postRemoved
    case alreadyOnBoard

    public var message: String {
        switch self {
        case .boardNotFound: "There is no such board."
        case .topicNotFound: "There is no such thread."
        case .postNotFound: "There is no such post."
        case .notAllowed: "Only the thread's author, the cohort's facilitators and admins can do this."
        case .boardArchived: "This board is archived: it can be read but not written in."
        case .topicLocked: "This thread is locked: it can be read but not replied to."
        case .titleRequired: "Give the thread a title."
        case .titleTooLong(let maximum): "Keep the title to \(maximum) characters."
        case .bodyRequired: "Write something first."
        case .bodyTooLong(let maximum): "Posts can be up to \(maximum) characters; this one is longer. Split it in two?"
        case .tooManyPosts(let wait): "You are posting very fast. Wait \(wait) seconds and send again; your text is kept below."
        case .tooManyTopics(let wait): "You have started several threads in a short time. Wait \(wait) seconds and try again; your text is kept below."
        case .notAQuestion: "Only questions have accepted answers."
        case .notAnAnswer: "Choose a reply in this thread as the answer."
        case .reasonRequired: "Say in a few words what is wrong with the post (up to 500 characters)."
        case .alreadyFlagged: "You have already flagged this; a facilitator will look at it."
        case .postRemoved: "This post was deleted or hidden."
        case .alreadyOnBoard: "The thread is already on that board; choose another one."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .boardNotFound, .topicNotFound, .postNotFound: .notFound
        case .notAllowed: .forbidden
        case .boardArchived, .topicLocked, .alreadyFlagged, .postRemoved: .conflict
        case .tooManyPosts, .tooManyTopics: .tooManyAttempts
        case .titleRequired, .titleTooLong, .bodyRequired, .bodyTooLong, .notAQuestion, .notAnAnswer,
            .reasonRequired, .alreadyOnBoard:
            .invalidInput
        }
    }
}

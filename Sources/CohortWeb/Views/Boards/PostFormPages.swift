import CohortModel
import CohortURLs
import Foundation

struct NewThreadPage: PageView {
    static let template = "new-thread"
    var title = "New thread"
    var boardTitle: String
    var boardHref: String
    var action: String
    var csrfToken: String
    var topicTitle = ""
    var body = ""
    var isQuestion: Bool
    var error: String?
    var maximumPostLength: Int
    /// The form's one-time key (kept when the form comes back with an error).
    var submissionKey = FormSubmission.newKey()
    var draftKey: String
    /// Who can be mentioned, for completion as @ is typed.
    var peopleHref: String
    /// The post as it will read, after Preview.
    var previewHTML: String?
}

/// "Delete this post?", with the post as it reads, before it goes.
struct PostDeletePage: PageView {
    static let template = "post-delete"
    let title = "Delete this post?"
    var threadTitle: String
    var threadHref: String
    var action: String
    var csrfToken: String
    /// Sanitised when it was written (PostMarkdown).
    var html: String
}

struct PostEditPage: PageView {
    static let template = "post-edit"
    let title = "Edit post"
    var threadTitle: String
    var threadHref: String
    var action: String
    var csrfToken: String
    var body: String
    var error: String?
    var maximumPostLength: Int
}

struct PostHistoryPage: PageView {
    static let template = "post-history"
    let title = "Edit history"

    struct Version {
        let label: String
        let html: String
    }

    var threadTitle: String
    var postHref: String
    var versions: [Version]

    init(post: Post, topic: Topic, revisions: [PostRevision], viewer: Viewer) {
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        threadTitle = topic.title
        postHref = SiteURL.post(post.id!, inThread: topic.id!)
        versions = [Version(label: "Now (edited \(display.moment(post.editedAt ?? post.createdAt)))", html: post.html)]
            + revisions.map { Version(label: "Written \(display.moment($0.createdAt))", html: $0.html) }
    }
}

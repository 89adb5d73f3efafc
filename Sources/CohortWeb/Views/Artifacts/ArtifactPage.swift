import CohortModel
import CohortURLs
import Foundation

/// An artifact: the version shown, its preview and history, feedback threads on that
/// version, and the owner's tools (revise, ask for feedback, mark addressed).
struct ArtifactPage: PageView {
    static let template = "artifact"

    struct VersionItem {
        let number: Int
        let note: String
        let when: String
        let href: String
        let current: Bool
    }

    struct FeedbackItem {
        let anchor: String
        let depthClass: String
        let authorName: String
        let when: String
        let indicatorCode: String?
        let html: String
        let hiddenNote: String?
        let addressed: Bool
        let addressAction: String?
        let addressValue: String
        let addressLabel: String
        let replyHref: String
        let hideAction: String?
        let unhideAction: String?
        let flagAction: String?
    }

    struct Choice {
        let id: Int64
        let label: String
    }

    var title: String
    var ownerName: String
    var galleryHref: String
    var descriptionHTML: String
    var indicators: [Choice]
    var csrfToken: String
    var versionNumber: Int
    var latestVersion: Int
    var isLatest: Bool
    var versionNote: String
    var versionWhen: String
    var fileName: String?
    var fileHref: String?
    var imageHref: String?
    var pdfPreviewHref: String?
    var videoHref: String?
    var link: String?
    var versions: [VersionItem]
    var feedback: [FeedbackItem]
    var openCount: Int
    var addressedCount: Int
    var feedbackAction: String
    var replyParentId: String
    var isReply: Bool
    var replyLabel: String
    var draft: String
    /// The feedback box keeps a draft; a reply to one comment does not.
    var draftKey: String?
    /// The feedback as it will read, after Preview.
    var previewHTML: String?
    /// The feedback form's one-time key (kept when the form comes back with an error).
    var submissionKey: String
    var error: String?
    var isOwner: Bool
    var reviseAction: String
    /// The revision form's own one-time key.
    var revisionKey = FormSubmission.newKey()
    var accept: String
    /// For the browser to refuse a file that is too large before sending it.
    var maximumBytes: Int
    var requestAction: String
    var peers: [Choice]
    var requests: [RequestItem]
    var earlierOpen: [EarlierItem]
    var hasEarlierOpen: Bool
    var editHref: String?
    var deleteHref: String?

    /// Open feedback on an earlier version, shown on the latest.
    struct EarlierItem {
        let versionLabel: String
        let href: String
        let item: FeedbackItem
    }

    struct RequestItem {
        let name: String
        let responded: Bool
    }

    init(_ view: ArtifactView, viewer: Viewer, csrfToken: String, maximumUploadBytes: Int, replyTo: Int64? = nil,
         draft: String = "", submissionKey: String? = nil, error: String? = nil) {
        maximumBytes = maximumUploadBytes
        self.submissionKey = submissionKey ?? FormSubmission.newKey()
        let artifact = view.artifact
        let id = artifact.id!
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        let shown = view.shown
        title = artifact.title
        ownerName = view.ownerName
        galleryHref = SiteURL.cohortArtifacts.path(artifact.cohortId)
        descriptionHTML = artifact.descriptionHTML
        indicators = view.indicators.map { Choice(id: $0.id, label: "\($0.code) \($0.standardName): \($0.title)") }
        self.csrfToken = csrfToken
        versionNumber = shown.version.number
        latestVersion = artifact.latestVersion
        isLatest = shown.version.number == artifact.latestVersion
        versionNote = shown.version.note
        versionWhen = display.moment(shown.version.createdAt)
        let fileHref = shown.file.map { _ in SiteURL.file.path(shown.version.id!) }
        fileName = shown.version.fileName
        self.fileHref = fileHref
        let type = shown.fileType
        imageHref = type?.isImage == true ? fileHref : nil
        let previewHref = shown.file.map { _ in SiteURL.filePreview.path(shown.version.id!) }
        pdfPreviewHref = type == .pdf ? previewHref : nil
        videoHref = type?.isVideo == true ? previewHref : nil
        link = shown.version.link
        versions = view.versions.map {
            VersionItem(number: $0.version.number, note: $0.version.note, when: display.moment($0.version.createdAt),
                        href: SiteURL.artifact(id, version: $0.version.number), current: $0.version.number == shown.version.number)
        }
        let owner = view.abilities.isOwner
        feedback = view.feedback.map { Self.item($0, artifactId: id, version: shown.version.number, display: display) }
        earlierOpen = view.earlierOpen.map { earlier in
            EarlierItem(versionLabel: "On version \(earlier.versionNumber)",
                        href: SiteURL.feedback(earlier.row.feedback.id!, onArtifact: id, version: earlier.versionNumber),
                        item: Self.item(earlier.row, artifactId: id, version: earlier.versionNumber, display: display))
        }
        hasEarlierOpen = !earlierOpen.isEmpty
        editHref = owner ? SiteURL.artifactEdit.path(id) : nil
        deleteHref = owner ? SiteURL.artifactDelete.path(id) : nil
        let topLevel = view.feedback.filter { $0.feedback.parentId == nil && $0.feedback.hiddenAt == nil }
        openCount = topLevel.filter { $0.feedback.addressedAt == nil }.count
        addressedCount = topLevel.count - openCount
        feedbackAction = SiteURL.artifactFeedback.path(id)
        replyParentId = replyTo.map(String.init) ?? ""
        isReply = replyTo != nil
        replyLabel = replyTo.flatMap { parent in view.feedback.first { $0.feedback.id == parent }?.authorName }
            .map { "Reply to \($0)" } ?? "Leave feedback on version \(shown.version.number)"
        self.draft = draft
        draftKey = replyTo == nil ? DraftKey.feedback(artifactId: view.artifact.id!).rawValue : nil
        self.error = error
        isOwner = owner
        reviseAction = SiteURL.artifactVersions.path(id)
        accept = FileType.acceptedExtensions
        requestAction = SiteURL.artifactRequests.path(id)
        peers = view.peers.map { Choice(id: $0.userId, label: $0.name) }
        requests = view.requests.map { RequestItem(name: $0.peerName, responded: $0.responded) }
    }

    private static func item(_ row: FeedbackRow, artifactId id: Int64, version: Int, display: TimeDisplay) -> FeedbackItem {
        let item = row.feedback
        let can = row.abilities
        return FeedbackItem(
            anchor: "feedback-\(item.id!)", depthClass: "depth-\(row.depth + 1)", authorName: row.authorName,
            when: display.moment(item.createdAt), indicatorCode: row.indicatorCode,
            html: item.hiddenAt == nil ? item.html : "",
            hiddenNote: item.hiddenAt.map { _ in "Hidden by a facilitator: \(item.hiddenReason ?? "")" },
            addressed: item.addressedAt != nil,
            addressAction: can.canMarkAddressed ? SiteURL.feedbackAddressed.path(item.id!) : nil,
            addressValue: item.addressedAt == nil ? "true" : "false",
            addressLabel: item.addressedAt == nil ? "Mark addressed" : "Mark open again",
            replyHref: SiteURL.artifact(id, version: version) + "&replyTo=\(item.id!)#feedback-form",
            hideAction: can.canHide ? SiteURL.feedbackHide.path(item.id!) : nil,
            unhideAction: can.canUnhide ? SiteURL.feedbackUnhide.path(item.id!) : nil,
            flagAction: can.canFlag ? SiteURL.feedbackFlag.path(item.id!) : nil)
    }
}

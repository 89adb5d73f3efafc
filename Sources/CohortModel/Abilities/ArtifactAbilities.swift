/// What a viewer (who can see the artifact: a member of its cohort or an admin) may do
/// with it. The artifact page shows what these allow and the writes check them.
public struct ArtifactAbilities: Sendable, Equatable {
    /// The owner uploads new versions and asks peers for feedback.
    public let isOwner: Bool
    /// The cohort's facilitators and admins hide feedback and clear its flags.
    public let canModerate: Bool

    public init(_ artifact: Artifact, viewer: Viewer) {
        isOwner = artifact.ownerId == viewer.id
        canModerate = viewer.canManage(cohortId: artifact.cohortId)
    }

    public var canRevise: Bool { isOwner }
    public var canAskForFeedback: Bool { isOwner }

    func requireOwner() throws(ArtifactError) {
        guard isOwner else { throw .notAllowed }
    }

    func requireModerate() throws(BoardError) {
        guard canModerate else { throw .notAllowed }
    }

    public func feedback(_ feedback: Feedback, viewer: Viewer) -> FeedbackAbilities {
        FeedbackAbilities(feedback, on: self, viewer: viewer)
    }
}

/// What a viewer may do with one piece of feedback on an artifact.
public struct FeedbackAbilities: Sendable, Equatable {
    let isAuthor: Bool
    let isTopLevel: Bool
    let isHidden: Bool
    let artifact: ArtifactAbilities

    init(_ feedback: Feedback, on artifact: ArtifactAbilities, viewer: Viewer) {
        isAuthor = feedback.authorId == viewer.id
        isTopLevel = feedback.parentId == nil
        isHidden = feedback.hiddenAt != nil
        self.artifact = artifact
    }

    /// The artifact's owner marks top-level feedback addressed (or open again).
    public var canMarkAddressed: Bool { artifact.isOwner && isTopLevel }
    /// A moderator hides feedback that is not hidden yet, and shows hidden feedback again.
    public var canHide: Bool { artifact.canModerate && !isHidden }
    public var canUnhide: Bool { artifact.canModerate && isHidden }
    /// Anyone but its author flags visible feedback.
    public var canFlag: Bool { !isHidden && !isAuthor }

    func requireMarkAddressed() throws(ArtifactError) {
        guard canMarkAddressed else { throw .notAllowed }
    }

    func requireFlag() throws(BoardError) {
        guard !isHidden else { throw .postRemoved }
        guard !isAuthor else { throw .notAllowed }
    }
}

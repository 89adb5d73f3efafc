import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct ArtifactTests {
    static let pdf = ReceivedFile(sha256: String(repeating: "a", count: 64), size: 10, type: .pdf, fileName: "plan.pdf")

    func indicator(_ world: BoardWorld, _ code: String) async throws -> Int64 {
        try await world.database.indicatorChoices().first { $0.code == code }!.id
    }

    func share(_ world: BoardWorld, by viewer: Viewer? = nil, codes: [String] = ["2.3.c", "2.5.a"]) async throws -> Artifact {
        var ids: [Int64] = []
        for code in codes { ids.append(try await indicator(world, code)) }
        return try await world.database.createArtifact(
            cohortId: world.cohortA.id!, title: "Image licences lesson", description: "A *lesson* plan.", indicatorIds: ids,
            file: Self.pdf, link: "", viewer: viewer ?? world.ada)
    }

    @Test func anArtifactIsTaggedAndVersionedAndFeedbackStaysWithItsVersion() async throws {
        let world = try await BoardWorld()
        let artifact = try await share(world)
        let indicatorId = try await indicator(world, "2.3.c")
        let first = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Add student work.",
                                                         indicatorId: indicatorId, parentId: nil, viewer: world.ben)
        _ = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Agreed.",
                                                 indicatorId: nil, parentId: first.id, viewer: world.cleo)
        let revision = try await world.database.addVersion(artifactId: artifact.id!, note: "Added student reflections",
                                                           file: nil, link: "https://example.org/reflections", viewer: world.ada)
        #expect(revision.number == 2)
        let latest = try await world.database.artifactView(id: artifact.id!, viewer: world.ben)
        #expect(latest.shown.version.number == 2)
        #expect(latest.feedback.isEmpty)
        #expect(latest.versions.map(\.version.number) == [2, 1])
        #expect(latest.indicators.map(\.code) == ["2.3.c", "2.5.a"])
        let original = try await world.database.artifactView(id: artifact.id!, versionNumber: 1, viewer: world.ben)
        #expect(original.feedback.map(\.feedback.source) == ["Add student work.", "Agreed."])
        #expect(original.feedback.map(\.depth) == [0, 1])
        #expect(original.feedback[0].indicatorCode == "2.3.c")
        #expect(try await world.notices(world.ada).map(\.kind) == [.feedback, .feedback])
        #expect(try await world.notices(world.ben).map(\.kind) == [.feedback])  // Cleo replied to Ben

        await #expect(throws: ArtifactError.notAllowed) {
            try await world.database.addVersion(artifactId: artifact.id!, note: "mine now", file: nil, link: "https://x.org", viewer: world.ben)
        }
        await #expect(throws: ArtifactError.notAllowed) { try await world.database.setAddressed(feedbackId: first.id!, true, viewer: world.ben) }
        try await world.database.setAddressed(feedbackId: first.id!, true, viewer: world.ada)
        let summary = try #require(try await world.database.myArtifacts(viewer: world.ada).first)
        #expect(summary.addressedFeedback == 1 && summary.openFeedback == 0)
        #expect(summary.indicatorCodes == ["2.3.c", "2.5.a"])
    }

    @Test func artifactsNeedATitleIndicatorsAndContent() async throws {
        let world = try await BoardWorld()
        let id = try await indicator(world, "2.1.a")
        func make(title: String = "T", ids: [Int64]? = nil, file: ReceivedFile? = nil, link: String = "") async throws {
            _ = try await world.database.createArtifact(cohortId: world.cohortA.id!, title: title, description: "", indicatorIds: ids ?? [id],
                                                        file: file, link: link, viewer: world.ada)
        }
        await #expect(throws: ArtifactError.titleRequired) { try await make(title: " ", link: "https://x.org") }
        await #expect(throws: ArtifactError.indicatorsRequired) { try await make(ids: [], link: "https://x.org") }
        await #expect(throws: ArtifactError.indicatorsRequired) { try await make(ids: [99_999], link: "https://x.org") }
        await #expect(throws: ArtifactError.contentRequired) { try await make() }
        await #expect(throws: ArtifactError.invalidLink) { try await make(link: "javascript:alert(1)") }
        await #expect(throws: CohortError.cohortNotFound) {
            _ = try await world.database.createArtifact(cohortId: world.cohortA.id!, title: "x", description: "", indicatorIds: [id],
                                                        file: nil, link: "https://x.org", viewer: world.outsider)
        }
    }

    @Test func anotherCohortSeesNoArtifactVersionOrFile() async throws {
        let world = try await BoardWorld()
        let artifact = try await share(world)
        let view = try await world.database.artifactView(id: artifact.id!, viewer: world.ben)
        await #expect(throws: ArtifactError.artifactNotFound) { try await world.database.artifactView(id: artifact.id!, viewer: world.outsider) }
        await #expect(throws: ArtifactError.versionNotFound) {
            try await world.database.download(versionId: view.shown.version.id!, viewer: world.outsider)
        }
        await #expect(throws: ArtifactError.artifactNotFound) {
            try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "x", indicatorId: nil, parentId: nil,
                                                 viewer: world.outsider)
        }
        await #expect(throws: CohortError.cohortNotFound) { try await world.database.gallery(cohortId: world.cohortA.id!, viewer: world.outsider) }
        #expect(try await world.database.download(versionId: view.shown.version.id!, viewer: world.facilitator).0.sha256 == Self.pdf.sha256)
    }

    @Test func automaticAssignmentGoesToThoseWithFewestOpenRequests() async throws {
        let world = try await BoardWorld()
        let first = try await share(world, by: world.ada)
        // Ben already has an open request; Cleo has none; the facilitator is never chosen.
        #expect(try await world.database.requestFeedback(artifactId: first.id!, from: [world.ben.id], viewer: world.ada) == 1)
        let second = try await share(world, by: world.ada)
        #expect(try await world.database.autoRequestFeedback(artifactId: second.id!, count: 1, viewer: world.ada) == 1)
        #expect(try await world.database.feedbackAskedOfMe(viewer: world.cleo).count == 1)
        #expect(try await world.database.autoRequestFeedback(artifactId: second.id!, count: 3, viewer: world.ada) == 1)  // only Ben left
        await #expect(throws: ArtifactError.noPeersToAsk) {
            try await world.database.autoRequestFeedback(artifactId: second.id!, count: 1, viewer: world.ada)
        }
        await #expect(throws: ArtifactError.notAPeer) {
            try await world.database.requestFeedback(artifactId: first.id!, from: [world.outsider.id], viewer: world.ada)
        }
        #expect(try await world.notices(world.cleo).map(\.kind) == [.feedbackRequest])
        // Answering closes the request.
        _ = try await world.database.addFeedback(artifactId: second.id!, versionNumber: 1, body: "Looks good", indicatorId: nil,
                                                 parentId: nil, viewer: world.cleo)
        #expect(try await world.database.feedbackAskedOfMe(viewer: world.cleo).isEmpty)
        #expect(try await world.database.artifactView(id: second.id!, viewer: world.ada).requests.map(\.responded).sorted { !$0 && $1 } == [false, true])
    }

    @Test func theGalleryFiltersByIndicatorAndOwner() async throws {
        let world = try await BoardWorld()
        _ = try await share(world, by: world.ada, codes: ["2.3.c"])
        _ = try await share(world, by: world.ben, codes: ["2.5.a"])
        #expect(try await world.database.gallery(cohortId: world.cohortA.id!, viewer: world.cleo).count == 2)
        #expect(try await world.database.gallery(cohortId: world.cohortA.id!, indicatorCode: "2.5.a", viewer: world.cleo).map(\.ownerName) == ["Ben Carter"])
        #expect(try await world.database.gallery(cohortId: world.cohortA.id!, ownerId: world.ada.id, viewer: world.cleo).count == 1)
    }
}

@Suite struct FeedbackModerationTests {
    @Test func feedbackIsFlaggedAndTheFacilitatorHidesOrDismisses() async throws {
        let world = try await BoardWorld()
        let indicator = try await world.database.indicatorChoices()[0].id
        let artifact = try await world.database.createArtifact(cohortId: world.cohortA.id!, title: "Plan", description: "",
                                                               indicatorIds: [indicator], file: nil, link: "https://x.org", viewer: world.ada)
        let rude = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "rude", indicatorId: nil,
                                                        parentId: nil, viewer: world.ben)
        let fine = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "fine", indicatorId: nil,
                                                        parentId: nil, viewer: world.ben)
        try await world.database.flagFeedback(id: rude.id!, reason: "Unkind", viewer: world.ada)
        try await world.database.flagFeedback(id: fine.id!, reason: "Unsure", viewer: world.ada)
        await #expect(throws: BoardError.alreadyFlagged) { try await world.database.flagFeedback(id: rude.id!, reason: "Again", viewer: world.ada) }
        await #expect(throws: ArtifactError.feedbackNotFound) {
            try await world.database.flagFeedback(id: rude.id!, reason: "x", viewer: world.outsider)
        }
        #expect(try await world.database.feedbackFlagQueue(viewer: world.cleo).isEmpty)
        let queue = try await world.database.feedbackFlagQueue(viewer: world.facilitator)
        #expect(queue.map(\.reason) == ["Unkind", "Unsure"])
        await #expect(throws: BoardError.notAllowed) { try await world.database.dismissFeedbackFlag(id: queue[1].flagId, viewer: world.cleo) }
        try await world.database.hideFeedback(id: rude.id!, reason: "Please be kind", viewer: world.facilitator)
        try await world.database.dismissFeedbackFlag(id: queue[1].flagId, viewer: world.facilitator)
        #expect(try await world.database.feedbackFlagQueue(viewer: world.facilitator).isEmpty)
        let view = try await world.database.artifactView(id: artifact.id!, viewer: world.ada)
        #expect(view.feedback.first { $0.feedback.id == rude.id }?.feedback.hiddenReason == "Please be kind")
        #expect(try world.database.auditActions().contains("feedback-flag.dismiss"))
    }
}

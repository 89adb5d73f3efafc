import Foundation
import GRDB
import Testing
@testable import CohortModel

/// Each ability, as the page reads it, and the write that checks the same ability:
/// who the page offers an action to is exactly who the write lets do it.
@Suite struct AbilitiesTests {
    // MARK: Posts

    /// A thread with Ada's question and Ben's answer.
    func thread(_ world: BoardWorld) async throws -> (Topic, question: Post, answer: Post) {
        let topic = try await world.ask(by: world.ada)
        let answer = try await world.reply(topic, "Look for CC BY.", by: world.ben)
        let view = try await world.database.thread(id: topic.id!, viewer: world.ada)
        return (topic, view.posts[0].post, answer)
    }

    func abilities(_ world: BoardWorld, _ post: Post, for viewer: Viewer) async throws -> PostAbilities {
        try await world.database.thread(id: post.topicId, viewer: viewer).posts.first { $0.post.id == post.id }!.abilities
    }

    @Test func thePostsAuthorOrAnAdminEditsIt() async throws {
        let world = try await BoardWorld()
        let (_, _, answer) = try await thread(world)
        for (viewer, may) in [(world.ben, true), (world.admin, true), (world.facilitator, false), (world.ada, false)] {
            #expect(try await abilities(world, answer, for: viewer).canEdit == may)
            if may {
                _ = try await world.database.editPost(id: answer.id!, body: "Look for CC BY or CC0. \(viewer.id)", viewer: viewer)
            } else {
                await #expect(throws: BoardError.notAllowed) {
                    _ = try await world.database.editPost(id: answer.id!, body: "Changed", viewer: viewer)
                }
            }
        }
        try await world.database.deletePost(id: answer.id!, viewer: world.ben)
        #expect(try await abilities(world, answer, for: world.ben).canEdit == false)
        await #expect(throws: BoardError.postRemoved) {
            _ = try await world.database.editPost(id: answer.id!, body: "Back", viewer: world.ben)
        }
    }

    @Test func thePostsAuthorOrTheBoardsModeratorDeletesIt() async throws {
        let world = try await BoardWorld()
        let (topic, _, answer) = try await thread(world)
        #expect(try await abilities(world, answer, for: world.ada).canDelete == false)
        await #expect(throws: BoardError.notAllowed) { try await world.database.deletePost(id: answer.id!, viewer: world.ada) }
        #expect(try await abilities(world, answer, for: world.facilitator).canDelete)
        let second = try await world.reply(topic, "And CC0.", by: world.ben)
        #expect(try await abilities(world, second, for: world.ben).canDelete)
        try await world.database.deletePost(id: second.id!, viewer: world.ben)
        try await world.database.deletePost(id: second.id!, viewer: world.ben)  // again: nothing changes, nothing refused
        try await world.database.deletePost(id: answer.id!, viewer: world.facilitator)
        #expect(try await abilities(world, answer, for: world.facilitator).canDelete == false)
    }

    @Test func aModeratorHidesSomeoneElsesPost() async throws {
        let world = try await BoardWorld()
        let (topic, _, answer) = try await thread(world)
        #expect(try await abilities(world, answer, for: world.ada).canHide == false)
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.hidePost(id: answer.id!, reason: "Off topic", viewer: world.ada)
        }
        let own = try await world.reply(topic, "Mine.", by: world.facilitator)
        #expect(try await abilities(world, own, for: world.facilitator).canHide == false)
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.hidePost(id: own.id!, reason: "Mine", viewer: world.facilitator)
        }
        #expect(try await abilities(world, answer, for: world.facilitator).canHide)
        try await world.database.hidePost(id: answer.id!, reason: "Off topic", viewer: world.facilitator)
        #expect(try await abilities(world, answer, for: world.admin).canHide == false)  // hidden already
    }

    @Test func aModeratorShowsAgainWhatWasHidden() async throws {
        let world = try await BoardWorld()
        let (_, _, answer) = try await thread(world)
        #expect(try await abilities(world, answer, for: world.facilitator).canUnhide == false)  // not hidden
        try await world.database.hidePost(id: answer.id!, reason: "Check the licence first", viewer: world.facilitator)
        #expect(try await abilities(world, answer, for: world.facilitator).canUnhide)
        #expect(try await abilities(world, answer, for: world.ben).canUnhide == false)
        await #expect(throws: BoardError.notAllowed) { try await world.database.unhidePost(id: answer.id!, viewer: world.ben) }
        try await world.database.unhidePost(id: answer.id!, viewer: world.admin)
        let shown = try await world.database.thread(id: answer.topicId, viewer: world.ada).posts.first { $0.post.id == answer.id }!
        #expect(shown.post.hiddenAt == nil && shown.post.hiddenReason == nil && shown.abilities.isLive)
        #expect(try await world.database.search(SearchQuery("CC"), viewer: world.ada).contains { $0.postId == answer.id })
        #expect(try world.database.auditActions().contains("post.unhide"))
    }

    @Test func anyoneButTheAuthorFlagsALivePost() async throws {
        let world = try await BoardWorld()
        let (_, _, answer) = try await thread(world)
        #expect(try await abilities(world, answer, for: world.ben).canFlag == false)
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.flagPost(id: answer.id!, reason: "Mine", viewer: world.ben)
        }
        #expect(try await abilities(world, answer, for: world.cleo).canFlag)
        try await world.database.flagPost(id: answer.id!, reason: "Check the licence", viewer: world.cleo)
        try await world.database.hidePost(id: answer.id!, reason: "Wrong", viewer: world.facilitator)
        #expect(try await abilities(world, answer, for: world.ada).canFlag == false)
        await #expect(throws: BoardError.postRemoved) {
            try await world.database.flagPost(id: answer.id!, reason: "Gone", viewer: world.ada)
        }
    }

    @Test func anyoneButTheAuthorMarksALivePostHelpful() async throws {
        let world = try await BoardWorld()
        let (_, _, answer) = try await thread(world)
        #expect(try await abilities(world, answer, for: world.ben).canMarkHelpful == false)
        await #expect(throws: BoardError.notAllowed) { _ = try await world.database.toggleHelpful(postId: answer.id!, viewer: world.ben) }
        #expect(try await abilities(world, answer, for: world.ada).canMarkHelpful)
        #expect(try await world.database.toggleHelpful(postId: answer.id!, viewer: world.ada))
    }

    // MARK: Threads and boards

    @Test func theAskerOrAModeratorAcceptsAnAnswerToAQuestion() async throws {
        let world = try await BoardWorld()
        let (topic, _, answer) = try await thread(world)
        for (viewer, may) in [(world.ada, true), (world.facilitator, true), (world.cleo, false)] {
            #expect(try await world.database.thread(id: topic.id!, viewer: viewer).abilities.canAccept == may)
        }
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.acceptAnswer(topicId: topic.id!, postId: answer.id!, viewer: world.cleo)
        }
        try await world.database.acceptAnswer(topicId: topic.id!, postId: answer.id!, viewer: world.ada)
        let discussion = try await world.ask("Favourite tools?", by: world.ada, kind: .discussion, board: "General")
        #expect(try await world.database.thread(id: discussion.id!, viewer: world.ada).abilities.canAccept == false)
    }

    @Test func aLockedThreadTakesRepliesFromModeratorsOnly() async throws {
        let world = try await BoardWorld()
        let (topic, _, _) = try await thread(world)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.cleo).abilities.canReply)
        try await world.database.setLocked(topicId: topic.id!, true, viewer: world.facilitator)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.cleo).abilities.canReply == false)
        await #expect(throws: BoardError.topicLocked) { _ = try await world.reply(topic, "Late", by: world.cleo) }
        #expect(try await world.database.thread(id: topic.id!, viewer: world.facilitator).abilities.canReply)
        _ = try await world.reply(topic, "Locked: see the guide.", by: world.facilitator)
    }

    @Test func theBoardsModeratorsPinLockAndMoveThreads() async throws {
        let world = try await BoardWorld()
        let (topic, _, _) = try await thread(world)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ada).abilities.canModerate == false)
        await #expect(throws: BoardError.notAllowed) { try await world.database.setPinned(topicId: topic.id!, true, viewer: world.ada) }
        #expect(try await world.database.thread(id: topic.id!, viewer: world.facilitator).abilities.canModerate)
        try await world.database.setPinned(topicId: topic.id!, true, viewer: world.facilitator)
    }

    @Test func aCohortsBoardIsEditedByItsModeratorsAProgrammeWideOneByAdmins() async throws {
        let world = try await BoardWorld()
        _ = try await world.database.addBoard(title: "Portfolio help", cohortId: nil, viewer: world.admin)
        let summaries = try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.facilitator)
        let own = summaries.first { !$0.board.isProgramWide }!
        let shared = summaries.first { $0.board.isProgramWide }!
        #expect(own.abilities.canEdit && own.abilities.canModerate)
        #expect(!shared.abilities.canEdit && shared.abilities.canModerate)
        try await world.database.renameBoard(id: own.board.id!, to: "Our questions", viewer: world.facilitator)
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.renameBoard(id: shared.board.id!, to: "Ours", viewer: world.facilitator)
        }
        let forAda = try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.ada)
        #expect(forAda.allSatisfy { !$0.abilities.canEdit && !$0.abilities.canModerate })
        let forAdmin = try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.admin)
        #expect(forAdmin.allSatisfy { $0.abilities.canEdit })
        try await world.database.setBoardArchived(id: shared.board.id!, true, viewer: world.admin)
    }

    // MARK: Cohorts and the programme

    @Test func cohortAbilitiesFollowTheViewersRoleInTheCohort() async throws {
        let world = try await BoardWorld()
        let a = world.cohortA.id!
        let ada = world.ada.abilities(inCohort: a), fay = world.facilitator.abilities(inCohort: a)
        let admin = world.admin.abilities(inCohort: a), otto = world.outsider.abilities(inCohort: a)
        #expect([ada.canSee, fay.canSee, admin.canSee, otto.canSee] == [true, true, true, false])
        #expect([ada.canManage, fay.canManage, admin.canManage, otto.canManage] == [false, true, true, false])
        #expect([ada.canShareArtifacts, fay.canShareArtifacts, admin.canShareArtifacts] == [true, true, false])
        #expect([ada.canKeepPortfolio, fay.canKeepPortfolio, admin.canKeepPortfolio] == [true, false, false])
        await #expect(throws: CohortError.notAllowed) {
            _ = try await world.database.setTrainingEnd(cohortId: a, to: "2027-01-01", by: world.ada)
        }
    }

    @Test func anAdminRemovesAMemberAndNobodyElse() async throws {
        let world = try await BoardWorld()
        let a = world.cohortA.id!
        #expect(world.admin.abilities(inCohort: a).canChangeRoster)
        #expect(!world.facilitator.abilities(inCohort: a).canChangeRoster)
        await #expect(throws: AccountError.notAllowed) {
            try await world.database.removeMember(userId: world.cleo.id, cohortId: a, viewer: world.facilitator)
        }
        try await world.database.removeMember(userId: world.cleo.id, cohortId: a, viewer: world.admin)
        let cleo = try await world.database.viewer(userId: world.cleo.id)
        #expect(!cleo.abilities(inCohort: a).canSee)
    }

    @Test func evaluatorsAndAdminsClaimReviewsOutsideTheCohortsTheyFacilitate() async throws {
        let world = try await BoardWorld()
        let evaluator = try await world.database.viewer(try await world.database.makeUser("eve@school.org", role: .evaluator))
        #expect(evaluator.mayReview && world.admin.mayReview)
        #expect(!world.ada.mayReview && !world.facilitator.mayReview)
        await #expect(throws: PortfolioError.notAllowed) { _ = try await world.database.claimNext(viewer: world.ada) }
        await #expect(throws: PortfolioError.queueEmpty) { _ = try await world.database.claimNext(viewer: evaluator) }
        #expect(world.facilitator.cohortsWithReviewConflict == [world.cohortA.id!])
        #expect(evaluator.cohortsWithReviewConflict.isEmpty)
    }

    @Test func theNavigationsAbilitiesFollowTheAccountAndItsCohorts() async throws {
        let world = try await BoardWorld()
        #expect(world.admin.mayAdminister && !world.facilitator.mayAdminister)
        #expect(world.facilitator.mayModerate && world.admin.mayModerate && !world.ada.mayModerate)
        #expect(world.facilitator.followsParticipants && !world.admin.followsParticipants)
        #expect(world.ada.hasArtifacts && !world.admin.hasArtifacts)
        #expect(world.ada.readsBoards && world.admin.readsBoards && !world.outsider.abilities(inCohort: world.cohortA.id!).canSee)
        #expect(world.ada.portfolioCohortIds == [world.cohortA.id!] && world.facilitator.portfolioCohortIds.isEmpty)
    }

    // MARK: Artifacts and feedback

    func artifact(_ world: BoardWorld) async throws -> (Artifact, Feedback) {
        let indicator = try await world.database.indicatorChoices().first { $0.code == "2.5.a" }!.id
        let artifact = try await world.database.createArtifact(
            cohortId: world.cohortA.id!, title: "Lesson", description: "", indicatorIds: [indicator], file: nil,
            link: "https://example.org/lesson", viewer: world.ada)
        let feedback = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Add learner work.",
                                                            indicatorId: nil, parentId: nil, viewer: world.ben)
        return (artifact, feedback)
    }

    func feedbackAbilities(_ world: BoardWorld, _ artifact: Artifact, for viewer: Viewer) async throws -> [FeedbackAbilities] {
        try await world.database.artifactView(id: artifact.id!, viewer: viewer).feedback.map(\.abilities)
    }

    @Test func theOwnerRevisesAndAsksForFeedbackAndAFacilitatorModerates() async throws {
        let world = try await BoardWorld()
        let (artifact, _) = try await artifact(world)
        let forAda = try await world.database.artifactView(id: artifact.id!, viewer: world.ada).abilities
        let forBen = try await world.database.artifactView(id: artifact.id!, viewer: world.ben).abilities
        let forFay = try await world.database.artifactView(id: artifact.id!, viewer: world.facilitator).abilities
        #expect(forAda.canRevise && forAda.canAskForFeedback && !forAda.canModerate)
        #expect(!forBen.canRevise && !forBen.canAskForFeedback)
        #expect(forFay.canModerate && !forFay.canRevise)
        await #expect(throws: ArtifactError.notAllowed) {
            _ = try await world.database.requestFeedback(artifactId: artifact.id!, from: [world.cleo.id], viewer: world.ben)
        }
        #expect(try await world.database.requestFeedback(artifactId: artifact.id!, from: [world.cleo.id], viewer: world.ada) == 1)
    }

    @Test func theOwnerMarksTopLevelFeedbackAddressed() async throws {
        let world = try await BoardWorld()
        let (artifact, feedback) = try await artifact(world)
        let reply = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Agreed.",
                                                         indicatorId: nil, parentId: feedback.id, viewer: world.cleo)
        #expect(try await feedbackAbilities(world, artifact, for: world.ada).map(\.canMarkAddressed) == [true, false])
        #expect(try await feedbackAbilities(world, artifact, for: world.ben).map(\.canMarkAddressed) == [false, false])
        await #expect(throws: ArtifactError.notAllowed) {
            try await world.database.setAddressed(feedbackId: reply.id!, true, viewer: world.ada)
        }
        try await world.database.setAddressed(feedbackId: feedback.id!, true, viewer: world.ada)
    }

    @Test func aFacilitatorHidesFeedbackAndAnyoneButItsAuthorFlagsIt() async throws {
        let world = try await BoardWorld()
        let (artifact, feedback) = try await artifact(world)
        #expect(try await feedbackAbilities(world, artifact, for: world.ben).map(\.canFlag) == [false])
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.flagFeedback(id: feedback.id!, reason: "Mine", viewer: world.ben)
        }
        #expect(try await feedbackAbilities(world, artifact, for: world.ada).map(\.canFlag) == [true])
        try await world.database.flagFeedback(id: feedback.id!, reason: "Unkind", viewer: world.ada)
        #expect(try await feedbackAbilities(world, artifact, for: world.ada).map(\.canHide) == [false])
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.hideFeedback(id: feedback.id!, reason: "Unkind", viewer: world.ada)
        }
        #expect(try await feedbackAbilities(world, artifact, for: world.facilitator).map(\.canHide) == [true])
        try await world.database.hideFeedback(id: feedback.id!, reason: "Unkind", viewer: world.facilitator)
        #expect(try await feedbackAbilities(world, artifact, for: world.facilitator).map { $0.canHide || $0.canFlag } == [false])
    }
}

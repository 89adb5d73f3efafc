import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// An educator's portfolio builder, its submission and its withdrawal.
struct PortfolioController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    func addRoutes(to members: RouteGroup<CohortMemberContext>) {
        members.get(SiteURL.portfolio, use: show)
        members.post(SiteURL.portfolio, use: save)
        members.post(SiteURL.portfolioSubmit, use: submit)
        members.post(SiteURL.portfolioWithdraw, use: withdraw)
    }

    @Sendable func show(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let view = try await database.portfolioView(cohortId: context.cohortId, viewer: context.viewer)
        return try renderer.render(PortfolioPage(view, csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let form = try await request.decode(as: [String: String].self, context: context)
        try await saveBuilder(form, context: context)
        if request.headers[.autosave] == "1" {
            return Response(status: .noContent)  // the page's script saved as the educator typed
        }
        return .seeOther(SiteURL.portfolio.path(context.cohortId), flash: Flash(.notice, "Portfolio saved."), cookies: cookies)
    }

    /// The builder's Submit button sends everything typed: it is saved first, then the
    /// educator confirms on a page of its own; the confirmation submits.
    @Sendable func submit(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        let form = try await request.decode(as: [String: String].self, context: context)
        let back = SiteURL.portfolio.path(cohortId)
        if form["confirmed"] == "yes" {
            do {
                _ = try await database.submitPortfolio(cohortId: cohortId, viewer: context.viewer)
                return .seeOther(back, flash: Flash(.notice, "Submitted. An evaluator will review it; you will be told of the decision."),
                                 cookies: cookies)
            } catch let error as PortfolioError where error.kind == .invalidInput {
                return .seeOther(back, flash: Flash(.alert, error.message), cookies: cookies)
            } catch PortfolioError.notEditable {
                return .seeOther(back, flash: Flash(.notice, "It is submitted already."), cookies: cookies)  // a repeated click
            }
        }
        do {
            try await saveBuilder(form, context: context)
        } catch PortfolioError.notEditable {
            return .seeOther(back, flash: Flash(.notice, "It is submitted already."), cookies: cookies)  // a repeated click
        }
        let view = try await database.portfolioView(cohortId: cohortId, viewer: context.viewer)
        guard view.editable else { return .seeOther(back, flash: Flash(.notice, "It is submitted already."), cookies: cookies) }
        guard view.blockers.isEmpty else {
            let text = "Saved. Before it can be submitted: " + view.blockers.joined(separator: "; ") + "."
            return .seeOther(back, flash: Flash(.alert, text), cookies: cookies)
        }
        return try renderer.render(PortfolioSubmitPage(view, csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func withdraw(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let back = SiteURL.portfolio.path(context.cohortId)
        do {
            try await database.withdrawSubmission(cohortId: context.cohortId, viewer: context.viewer)
            return .seeOther(back, flash: Flash(.notice, "Withdrawn. You can change your portfolio and submit it again."), cookies: cookies)
        } catch let error as PortfolioError where error == .nothingToWithdraw || error == .alreadyInReview {
            return .seeOther(back, flash: Flash(.alert, error.message), cookies: cookies)
        }
    }

    /// Saves the builder's fields when the form carries them (a confirmation does not).
    private func saveBuilder(_ form: [String: String], context: CohortMemberContext) async throws {
        guard let reflection = form["reflection"] else { return }
        // Field names carry the indicator: criterion-<id>-artifact and criterion-<id>-context.
        var entries: [Int64: (versionId: Int64?, context: String)] = [:]
        for (key, value) in form where key.hasPrefix("criterion-") {
            let parts = key.split(separator: "-")
            guard parts.count == 3, let indicatorId = Int64(parts[1]) else { continue }
            var entry = entries[indicatorId] ?? (nil, "")
            if parts[2] == "artifact" { entry.versionId = Int64(value) } else if parts[2] == "context" { entry.context = value }
            entries[indicatorId] = entry
        }
        try await database.savePortfolio(cohortId: context.cohortId, reflection: reflection, entries: entries, viewer: context.viewer)
    }
}

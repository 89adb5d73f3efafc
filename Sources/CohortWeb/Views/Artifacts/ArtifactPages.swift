import CohortModel
import CohortURLs
import Foundation

/// The indicators grouped by standard, as checkboxes or a filter.
struct IndicatorGroup {
    struct Option {
        let id: Int64
        let code: String
        let title: String
        let checked: Bool
    }

    let standard: String
    let options: [Option]

    static func groups(_ choices: [IndicatorChoice], checked: Set<Int64> = []) -> [IndicatorGroup] {
        var groups: [IndicatorGroup] = []
        for choice in choices {
            let option = Option(id: choice.id, code: choice.code, title: choice.title, checked: checked.contains(choice.id))
            if groups.last?.standard == choice.standardName {
                groups[groups.count - 1] = IndicatorGroup(standard: choice.standardName, options: groups.last!.options + [option])
            } else {
                groups.append(IndicatorGroup(standard: choice.standardName, options: [option]))
            }
        }
        return groups
    }
}

struct ArtifactListItem {
    let title: String
    let href: String
    let ownerName: String
    let codes: String
    let version: Int
    let openFeedback: Int
    let addressedFeedback: Int
    /// "1 request", nil when none waits.
    let openRequests: String?

    init(_ summary: ArtifactSummary) {
        title = summary.artifact.title
        href = SiteURL.artifact.path(summary.artifact.id!)
        ownerName = summary.ownerName
        codes = summary.indicatorCodes.joined(separator: ", ")
        version = summary.artifact.latestVersion
        openFeedback = summary.openFeedback
        addressedFeedback = summary.addressedFeedback
        openRequests = summary.openRequests > 0 ? Wording.count(summary.openRequests, "request") : nil
    }
}

struct GalleryPage: PageView {
    static let template = "artifacts"
    var title: String
    var cohortName: String
    var cohortHref: String
    var newHref: String
    var canShare: Bool
    var items: [ArtifactListItem]
    var indicatorOptions: [IndicatorGroup.Option]
    var owners: [OwnerOption]
    var filtered: Bool

    struct OwnerOption {
        let id: Int64
        let name: String
        let selected: Bool
    }
}

struct MyArtifactsPage: PageView {
    static let template = "my-artifacts"
    let title = "My artifacts"
    var items: [ArtifactListItem]
    var cohorts: [CohortLink]

    struct CohortLink {
        let name: String
        let newHref: String
        let galleryHref: String
    }
}

struct NewArtifactPage: PageView {
    static let template = "artifact-new"
    let title = "Share an artifact"
    var cohortName: String
    var cohortHref: String
    var action: String
    var artifactTitle = ""
    var artifactDescription = ""
    var link = ""
    var groups: [IndicatorGroup]
    var accept: String
    var maximumMegabytes: Int
    var error: String?
    /// For the browser to refuse a file that is too large before sending it.
    var maximumBytes: Int
    var csrfToken: String
    /// The form's one-time key (kept when the form comes back with an error).
    var submissionKey = FormSubmission.newKey()
}

/// The owner's form for an artifact's title, description and indicators.
struct ArtifactEditPage: PageView {
    static let template = "artifact-edit"
    let title = "Edit artifact"
    var artifactTitle: String
    var artifactDescription: String
    var groups: [IndicatorGroup]
    var action: String
    var artifactHref: String
    var csrfToken: String
    var error: String?

    init(_ view: ArtifactView, choices: [IndicatorChoice], csrfToken: String, checked: Set<Int64>? = nil) {
        let id = view.artifact.id!
        artifactTitle = view.artifact.title
        artifactDescription = view.artifact.descriptionSource
        groups = IndicatorGroup.groups(choices, checked: checked ?? Set(view.indicators.map(\.id)))
        action = SiteURL.artifactEdit.path(id)
        artifactHref = SiteURL.artifact.path(id)
        self.csrfToken = csrfToken
    }
}

/// "Delete this artifact?", or why it cannot be: a portfolio uses it.
struct ArtifactDeletePage: PageView {
    static let template = "artifact-delete"
    let title = "Delete this artifact?"
    let artifactTitle: String
    let artifactHref: String
    let action: String
    let csrfToken: String
    let summary: String
    /// Set when a portfolio links it, instead of the button.
    let refusal: String?

    init(_ view: ArtifactView, uses: [String], csrfToken: String) {
        let id = view.artifact.id!
        artifactTitle = view.artifact.title
        artifactHref = SiteURL.artifact.path(id)
        action = SiteURL.artifactDelete.path(id)
        self.csrfToken = csrfToken
        let feedback = view.versions.count > 1 ? "its \(view.versions.count) versions" : "its one version"
        summary = "Deleting it removes \(feedback), their files and all feedback on them, for everyone. It cannot be undone."
        refusal = uses.isEmpty ? nil : ArtifactError.inPortfolio(uses).message
    }
}

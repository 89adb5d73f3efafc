/// Why a cohort action was refused.
public enum CohortError: UserFacingError, Equatable {
    case programNotFound
    case invalidName
    case cohortNotFound
    case notAllowed
    case rosterForAdmins
    case sessionNotFound
    case invalidDate
    case invalidTime
    case unknownTimeZone
    case invalidLink
    case trainingEndsBeforeLastSession

    public var message: String {
        switch self {
        case .programNotFound: "There is no such programme."
        case .invalidName: "Enter a cohort name of 1 to 120 characters."
        case .cohortNotFound: "There is no such cohort."
        case .notAllowed: "Only the cohort's facilitators and admins can do this."
        case .rosterForAdmins: "Only admins change a cohort's roster."
        case .sessionNotFound: "This cohort has no such session."
        case .invalidDate: "Enter a date like 2026-03-02."
        case .invalidTime: "Enter a time like 17:00."
        case .unknownTimeZone: "Choose a time zone from the list."
        case .invalidLink: "Enter a meeting link starting with https:// (or leave it empty)."
        case .trainingEndsBeforeLastSession: "Training cannot end before the last session."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .programNotFound, .cohortNotFound, .sessionNotFound: .notFound
        case .notAllowed, .rosterForAdmins: .forbidden
        case .invalidName, .invalidDate, .invalidTime, .unknownTimeZone, .invalidLink, .trainingEndsBeforeLastSession:
            .invalidInput
        }
    }
}

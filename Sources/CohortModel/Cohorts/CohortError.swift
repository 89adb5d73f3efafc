/// Why a cohort action was refused.
public enum CohortError: UserFacingError, Equatable {
    case programNotFound
    case invalidName
    case cohortNotFound

    public var message: String {
        switch self {
        case .programNotFound: "There is no such programme."
        case .invalidName: "Enter a cohort name of 1 to 120 characters."
        case .cohortNotFound: "There is no such cohort."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .programNotFound, .cohortNotFound: .notFound
        case .invalidName: .invalidInput
        }
    }
}

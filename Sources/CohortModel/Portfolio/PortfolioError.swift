/// Why a portfolio or review action was refused.
public enum PortfolioError: UserFacingError, Equatable {
    case portfolioNotFound
    case submissionNotFound
    case certificateNotFound
    case notAllowed
    case notEditable
    case notReady([String])
    case artifactNotYours
    case contextTooLong
    case queueEmpty
    case claimExpired
    case reviewNotReady(unmarked: [Int], unexplained: [Int])
    case commentTooLong(criterion: Int)
    case overallTooLong
    case reasonRequired
    case invalidDate
    case notAnEvaluator
    case nothingToWithdraw
    case alreadyInReview

    public var message: String {
        switch self {
        case .portfolioNotFound: "There is no such portfolio."
        case .submissionNotFound: "There is no such submission."
        case .certificateNotFound: "There is no certificate with this code."
        case .notAllowed: "You cannot do this with this portfolio."
        case .notEditable: "This portfolio is submitted; it can be changed again only if it is returned."
        case .notReady(let blockers): "The portfolio cannot be submitted yet: " + blockers.joined(separator: "; ") + "."
        case .artifactNotYours: "Link only your own artifacts from this cohort."
        case .contextTooLong: "Keep each text to 20,000 characters."
        case .queueEmpty: "The queue is empty: there is no portfolio for you to review right now."
        case .claimExpired: "Your hold on this portfolio has expired; take the next one from the queue."
        case .reviewNotReady(let unmarked, let unexplained):
            ([unmarked.isEmpty ? nil : "Mark \(Self.criteria(unmarked)) met or not met.",
              unexplained.isEmpty ? nil : "Say why \(Self.criteria(unexplained)) \(unexplained.count == 1 ? "is" : "are") not met."]
                as [String?]).compactMap { $0 }.joined(separator: " ")
        case .commentTooLong(let criterion):
            "Keep the comment on criterion \(criterion) to 5,000 characters."
        case .overallTooLong: "Keep the overall feedback to 20,000 characters."
        case .reasonRequired: "Give a reason, in up to 500 characters."
        case .invalidDate: "Enter a date like 2027-01-31."
        case .notAnEvaluator: "Choose an evaluator to hand this portfolio to."
        case .nothingToWithdraw: "There is no submission waiting to be withdrawn."
        case .alreadyInReview: "An evaluator has started reviewing this portfolio, so it can no longer be withdrawn."
        }
    }

    /// "criterion 3", "criteria 3, 7 and 12"
    private static func criteria(_ numbers: [Int]) -> String {
        let written = numbers.map(String.init)
        let list = written.count < 2 ? written.joined() : written.dropLast().joined(separator: ", ") + " and " + written.last!
        return (numbers.count == 1 ? "criterion " : "criteria ") + list
    }

    public var kind: RefusalKind {
        switch self {
        case .portfolioNotFound, .submissionNotFound, .certificateNotFound: .notFound
        case .notAllowed: .forbidden
        case .notEditable, .claimExpired, .nothingToWithdraw, .alreadyInReview: .conflict
        default: .invalidInput
        }
    }
}

/// The programme's portfolio rules that are not in its table: the shape of the
/// portfolio and how long an evaluator may hold one.
public enum PortfolioRules {
    /// The reflection plus one criterion per indicator.
    public static let criteria = 25
    public static let minimumArtifacts = 9
    public static let maximumArtifacts = 14
    public static let leaseHours = 72.0
    /// Text limits, in code points as SQLite counts them.
    public static let maximumContextLength = 20_000
    public static let maximumCommentLength = 5_000
    public static let maximumOverallLength = 20_000
    public static let maximumReasonLength = 500
}

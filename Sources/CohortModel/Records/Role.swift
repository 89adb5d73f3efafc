import GRDB

/// What a person does across the whole site. Cohort-level roles are `CohortRole`.
public enum Role: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case educator
    case facilitator
    case evaluator
    case admin

    public var title: String {
        switch self {
        case .educator: "Educator"
        case .facilitator: "Facilitator"
        case .evaluator: "Evaluator"
        case .admin: "Admin"
        }
    }
}

/// What a member does inside one cohort.
public enum CohortRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case participant
    case facilitator

    public var title: String {
        switch self {
        case .participant: "Participant"
        case .facilitator: "Facilitator"
        }
    }
}

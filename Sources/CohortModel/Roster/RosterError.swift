/// Why a roster file could not be read at all (row problems are reported per row).
public enum RosterError: UserFacingError, Equatable {
    case unreadable
    case empty
    case tooManyRows(Int)

    public var message: String {
        switch self {
        case .unreadable: "The file could not be read as CSV. Save it from your spreadsheet as CSV (UTF-8) and try again."
        case .empty: "The file has no rows. Put one person per row: email, name, role (participant or facilitator)."
        case .tooManyRows(let limit): "The file has more than \(limit) rows; split it into smaller files."
        }
    }

    public var kind: RefusalKind { .invalidInput }
}

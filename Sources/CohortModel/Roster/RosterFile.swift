import CSV
import Foundation

/// A roster CSV read into rows: `email,name,role` with or without a header row (a
/// header may put the columns in any order). Checks each row on its own and against
/// the rows before it; the database checks come later.
struct RosterFile {
    struct Row {
        let number: Int
        let email: String
        let name: String
        let role: CohortRole?
        let problem: String?
    }

    static let maximumRows = 20_000

    let rows: [Row]

    init(csv text: String) throws(RosterError) {
        let reader: CSVReader
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true, delimiter: Self.delimiter(of: text))
        } catch {
            throw .unreadable
        }
        var columns = (email: 0, name: 1, role: 2)
        var rows: [Row] = []
        var firstRowSeenAt: [String: Int] = [:]
        var number = 0
        while let fields = reader.next() {
            number += 1
            if number == 1, let header = Self.header(fields) {
                columns = header
                continue
            }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard rows.count < Self.maximumRows else { throw .tooManyRows(Self.maximumRows) }
            // Cells are typed text like a form's fields (see `TypedText`).
            func field(_ index: Int) -> String { index < fields.count ? TypedText.cleaned(fields[index]) : "" }
            let rawEmail = field(columns.email), name = field(columns.name), rawRole = field(columns.role)
            let role = CohortRole(rawValue: rawRole.lowercased())
            var problem: String?
            var email = rawEmail
            do {
                email = try AccountRules.normalisedEmail(rawEmail)
                _ = try AccountRules.normalisedName(name)
            } catch {
                problem = error == .invalidEmail ? "bad email address" : "name missing or longer than 120 characters"
            }
            if problem == nil, role == nil {
                problem = "unknown role \"\(rawRole)\" (use participant or facilitator)"
            }
            if problem == nil, let earlier = firstRowSeenAt[email] {
                problem = "duplicate of row \(earlier)"
            }
            if problem == nil { firstRowSeenAt[email] = number }
            rows.append(Row(number: number, email: email, name: name, role: role, problem: problem))
        }
        if reader.error != nil { throw .unreadable }
        guard !rows.isEmpty else { throw .empty }
        self.rows = rows
    }

    /// Spreadsheets in many languages export with `;` (where `,` is the decimal mark), some
    /// with tabs: the separator is whichever of these the first line holds most of, outside
    /// quotes; a comma when it holds none.
    static func delimiter(of text: String) -> UnicodeScalar {
        var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted, scalar == "\n" || scalar == "\r" { break }
            if !quoted, counts[scalar] != nil { counts[scalar]! += 1 }
        }
        let (best, count) = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }!
        return count == 0 ? "," : best
    }

    /// Column positions when the first row names them.
    private static func header(_ fields: [String]) -> (email: Int, name: Int, role: Int)? {
        let names = fields.map { $0.lowercased() }
        guard let email = names.firstIndex(of: "email") else { return nil }
        let name = names.firstIndex(of: "name") ?? 1
        let role = names.firstIndex(where: { $0 == "role" || $0 == "role in cohort" }) ?? 2
        return (email, name, role)
    }
}

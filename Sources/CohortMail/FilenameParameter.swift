/// An attachment's file name as MIME parameters: a quoted ASCII form every program reads, plus the
/// RFC 2231 `*=UTF-8''` form when the name is not ASCII.
struct FilenameParameter {
    var ascii: String
    var extended: String?

    init(_ filename: String) {
        // Quotes, backslashes and path separators are dropped so the name cannot end the
        // parameter or point a careless mail program outside its download folder.
        let cleaned = HeaderText.sanitised(filename).unicodeScalars.filter { !"\"\\/".unicodeScalars.contains($0) }
        // Runs of spaces become one so the name can fold at its spaces without changing.
        let name = String(String.UnicodeScalarView(cleaned)).split(separator: " ").joined(separator: " ")
        let safe = name.isEmpty ? "attachment" : name
        ascii = String(safe.unicodeScalars.map { $0.isASCII ? Character($0) : "_" })
        if safe.unicodeScalars.allSatisfy(\.isASCII) {
            extended = nil
        } else {
            extended = "UTF-8''" + PercentEncoding.encode(safe)
        }
    }

    /// Parameter words for a header; the last one has no trailing semicolon.
    func parameters(_ key: String) -> [String] {
        let quoted = "\(key)=\"\(ascii)\""
        guard let extended else { return quoted.split(separator: " ").map(String.init) }
        return (quoted + ";").split(separator: " ").map(String.init) + ["\(key)*=\(extended)"]
    }
}

/// What an `Accept-Encoding` header allows (RFC 9110, 12.5.3): codings with optional
/// weights, `gzip;q=0` refusing gzip and `*` standing for any coding not named.
struct AcceptEncoding {
    private let weights: [String: Double]

    init(_ header: String?) {
        var weights: [String: Double] = [:]
        for item in (header ?? "").split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, !coding.isEmpty else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)).map { min(max($0, 0), 1) } ?? 0
            }
            weights[coding == "x-gzip" ? "gzip" : coding] = weight
        }
        self.weights = weights
    }

    var allowsGzip: Bool {
        (weights["gzip"] ?? weights["*"] ?? 0) > 0
    }
}

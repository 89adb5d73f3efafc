import Hummingbird

extension RequestContext {
    /// The `:id` of a cohort route; a non-number is simply not found.
    var cohortId: Int64 {
        get throws {
            guard let id = parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
            return id
        }
    }
}

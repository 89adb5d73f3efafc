import Hummingbird

extension RequestContext {
    /// A numeric route parameter; anything else is simply not found.
    func id(_ name: String) throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }
}

import Hummingbird

/// Reads a posted form. Hummingbird's own decoder answers a malformed form with a
/// developer's message ("Type mismatch for `` key") or lets a non-form body through to
/// a 500; people get a sentence that says what to do instead.
public struct FormDecoder: RequestDecoder {
    static let unreadable = "The form could not be read: a field was repeated, misshapen or badly encoded. Reload the page and send it again."

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Send this form from its page, as application/x-www-form-urlencoded.")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: Self.withoutNULs(String(buffer: body)))
        } catch {
            throw HTTPError(.badRequest, message: Self.unreadable)
        }
    }

    /// No one types a NUL, and SQLite's LENGTH() stops at one, so a NUL would slip an
    /// "empty" value past the schema's checks as a 500. Removing one can join the
    /// characters around it into another, hence the loop.
    static func withoutNULs(_ form: String) -> String {
        var form = form.replacingOccurrences(of: "\0", with: "")
        while form.contains("%00") { form = form.replacingOccurrences(of: "%00", with: "") }
        return form
    }
}

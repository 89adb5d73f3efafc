import CohortModel
import Foundation
import Hummingbird
import NIOCore

/// A multipart form read as it arrives: small fields into memory, the one file
/// field (`file`) straight into the file store, so a 25 MB upload never sits in
/// memory. Anything wrong (too large, refused type, the client going away) leaves no
/// file behind.
struct MultipartUpload {
    var fields: [String: [String]] = [:]
    var file: ReceivedFile?

    static let maximumFieldBytes = 256 << 10

    func field(_ name: String) -> String { fields[name]?.first ?? "" }

    /// `multipart/form-data; boundary=XYZ` gives `XYZ` (quoted or not); any other type, nil.
    static func boundary(_ contentType: String) -> String? {
        guard let type = MediaType(from: contentType), type.isType(.multipartForm),
            let parameter = type.parameter, parameter.name.lowercased() == "boundary"
        else { return nil }
        let boundary = parameter.value.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        return boundary.isEmpty || boundary.count > 200 ? nil : boundary
    }

    /// Reads the form. Unless the request carried the CSRF token in its header (checked by
    /// `CSRFMiddleware`), the form's first part must be `_csrf` with the session's token:
    /// browsers send parts in the form's order, and the token never goes into a URL.
    /// A body declared larger than any upload may be is refused when its file begins,
    /// with the fields sent before it kept for the form.
    static func read(_ request: Request, store: FileStore, csrfToken: String) async throws -> MultipartUpload {
        guard let contentType = request.headers[.contentType], let boundary = Self.boundary(contentType) else {
            throw HTTPError(.badRequest, message: "Send the form as a file upload (multipart/form-data).")
        }
        let reader = PartReader(store: store, expectedToken: request.headers[CSRFMiddleware.headerName] == nil ? csrfToken : nil)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > store.maximumBytes + maximumFieldBytes {
            reader.refusesFile = ArtifactError.fileTooLarge(maximumBytes: store.maximumBytes)
        }
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { buffer in reader.body(&buffer) }
        parser.onPartComplete = { reader.complete() }
        do {
            for try await chunk in request.body {
                do {
                    try parser.execute(chunk)
                } catch {
                    throw HTTPError(.badRequest, message: "The upload could not be read. Choose the file again and retry.")
                }
                if let problem = reader.problem { throw problem }
            }
        } catch {
            reader.abandon()
            throw Failure(error: error, fields: reader.fields, file: reader.file)
        }
        if let problem = reader.problem ?? reader.missingToken {
            throw Failure(error: problem, fields: reader.fields, file: reader.file)
        }
        return MultipartUpload(fields: reader.fields, file: reader.file)
    }

    /// The form's `_csrf` field holds the session's token (for a form read whole, the roster file).
    static func requireToken(in body: ByteBuffer, boundary: String, request: Request, csrfToken: String) throws {
        guard request.headers[CSRFMiddleware.headerName] == nil else { return }
        guard let sent = try? text(of: "_csrf", in: body, boundary: boundary), !csrfToken.isEmpty,
            SecureToken.constantTimeEquals(sent, csrfToken)
        else { throw HTTPError(.forbidden, message: CSRFMiddleware.refusal) }
    }

    /// The text of one field of a small form already in memory (a roster CSV), or nil
    /// when the form has no such field.
    static func text(of wanted: String, in body: ByteBuffer, boundary: String) throws -> String? {
        let parser = MultipartParser(boundary: boundary)
        var name = "", value = ByteBuffer(), found: String?
        parser.onHeader = { header, text in
            if header.lowercased() == "content-disposition" { name = PartReader.parameter("name", in: text) ?? "" }
        }
        parser.onBody = { buffer in if name == wanted { value.writeBuffer(&buffer) } }
        parser.onPartComplete = {
            if name == wanted, found == nil { found = TypedText.cleaned(String(buffer: value)) }
            name = ""
        }
        try parser.execute(body)
        return found
    }

    /// Why an upload failed, with the text fields read before it did, so the form
    /// can be shown again with what the person typed.
    struct Failure: Error {
        let error: Error
        let fields: [String: [String]]
        /// A file already moved into the store before the failure, for the caller to discard.
        let file: ReceivedFile?
    }

    /// The parser's callbacks cannot throw: the first problem is kept and the rest of
    /// the body is ignored.
    private final class PartReader {
        let store: FileStore
        var fields: [String: [String]] = [:]
        var file: ReceivedFile?
        var problem: Error?
        /// The session's token while the form's first part has not shown it yet.
        private var expectedToken: String?
        /// Why a file part is refused as soon as it begins (a body declared too large).
        var refusesFile: Error?
        private var name = ""
        private var fileName: String?
        private var value = ByteBuffer()
        private var fieldBytes = 0
        private var upload: FileStore.Upload?

        init(store: FileStore, expectedToken: String?) {
            self.store = store
            self.expectedToken = expectedToken
        }

        /// The whole form arrived without the token it needed.
        var missingToken: Error? {
            expectedToken == nil ? nil : HTTPError(.forbidden, message: CSRFMiddleware.refusal)
        }

        func header(_ header: String, _ value: String) {
            guard header.lowercased() == "content-disposition", problem == nil else { return }
            name = Self.parameter("name", in: value) ?? ""
            fileName = Self.parameter("filename", in: value).map(TypedText.cleaned)
            if expectedToken != nil, name != "_csrf" {
                return fail(HTTPError(.forbidden, message: CSRFMiddleware.refusal))
            }
            if let refusesFile, let fileName, !fileName.isEmpty, name == "file" { fail(refusesFile) }
        }

        func body(_ buffer: inout ByteBuffer) {
            guard problem == nil else { return }
            if let fileName, !fileName.isEmpty, name == "file" {
                do {
                    if upload == nil { upload = try store.beginUpload() }
                    try buffer.withUnsafeReadableBytes { try upload!.write($0) }
                } catch {
                    fail(error)
                }
            } else {
                fieldBytes += buffer.readableBytes
                guard fieldBytes <= MultipartUpload.maximumFieldBytes else {
                    return fail(HTTPError(.contentTooLarge, message: "The form's text fields are too long."))
                }
                value.writeBuffer(&buffer)
            }
        }

        func complete() {
            defer {
                name = ""
                fileName = nil
                value.clear()
            }
            guard problem == nil else { return }
            if let upload, let fileName {
                do {
                    let stored = try upload.finish(fileName: fileName)
                    file = ReceivedFile(sha256: stored.sha256, size: stored.size, type: stored.type, fileName: fileName)
                } catch {
                    fail(error)
                }
                self.upload = nil
            } else if name == "_csrf", let expected = expectedToken {
                guard SecureToken.constantTimeEquals(String(buffer: value), expected), !expected.isEmpty else {
                    return fail(HTTPError(.forbidden, message: CSRFMiddleware.refusal))
                }
                expectedToken = nil
            } else if fileName == nil {
                // A file input left empty sends a part with an empty file name: skipped.
                fields[name, default: []].append(TypedText.cleaned(String(buffer: value)))
            }
        }

        func abandon() {
            upload?.discard()
            upload = nil
        }

        private func fail(_ error: Error) {
            problem = problem ?? error
            abandon()
        }

        /// `name="x"` from a Content-Disposition value. A quoted value runs to the
        /// next quote and may hold `;`, as in `filename="notes; week 1.txt"`. Browsers
        /// send a quote in a file name as `%22` and a backslash as itself (the HTML
        /// standard's multipart encoding), so a backslash escapes nothing.
        static func parameter(_ key: String, in header: String) -> String? {
            var rest = Substring(header)
            while let semicolon = rest.firstIndex(of: ";") {
                rest = rest[rest.index(after: semicolon)...].drop(while: { $0 == " " || $0 == "\t" })
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                rest = rest[rest.index(after: equals)...].drop(while: { $0 == " " })
                let value: String
                if rest.first == "\"" {
                    let quoted = rest.dropFirst()
                    let end = quoted.firstIndex(of: "\"") ?? quoted.endIndex
                    value = String(quoted[..<end])
                    rest = quoted[end...].dropFirst()
                } else {
                    let end = rest.firstIndex(of: ";") ?? rest.endIndex
                    value = rest[..<end].trimmingCharacters(in: .whitespaces)
                    rest = rest[end...]
                }
                if name == key { return value }
            }
            return nil
        }
    }
}

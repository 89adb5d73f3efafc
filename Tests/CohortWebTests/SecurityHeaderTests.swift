import CohortModel
import Foundation
import CompressNIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct SecurityHeaderTests {
    func expectSecurityHeaders(_ response: TestResponse, _ what: String) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("default-src 'self'"), "\(what)")
        #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(what)")
        #expect(csp.contains("frame-ancestors 'none'"), "\(what)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what)")
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(what)")
    }

    @Test func everyKindOfResponseCarriesTheHeaders() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            expectSecurityHeaders(try await browser.get("/login"), "page")
            expectSecurityHeaders(try await browser.get("/"), "redirect")
            expectSecurityHeaders(try await browser.get("/no/such/page"), "404")
            let css = try await browser.get("/assets/style.css")
            #expect(css.status == .ok)
            expectSecurityHeaders(css, "asset")
            // Plain HTTP (behind a proxy): no HSTS, no Secure cookies.
            #expect(css.headers[.strictTransportSecurity] == nil)
            #expect(!(try await browser.post("/login", ["email": "ed@school.org", "password": demoPassword])
                .headers[values: .setCookie].contains { $0.contains("Secure") }))
        }
    }

    @Test func overTLSCookiesAreSecureAndHSTSIsSent() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-tls-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var world = try await TestWorld()
        world.settings.tls = try DevelopmentCertificate.loadOrCreate(in: folder).0
        try await world.test { (client) async throws in
            var browser = WebSession(client)
            let login = try await browser.get("/login")
            #expect(login.headers[.strictTransportSecurity] == "max-age=31536000")
            let signedIn = try await browser.post("/login", ["email": "ed@school.org", "password": demoPassword])
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("cohort_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func theDevelopmentCertificateIsMadeOnceAndReused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-cert-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (first, created) = try DevelopmentCertificate.loadOrCreate(in: folder)
        #expect(created)
        let pem = try String(contentsOfFile: first.certificatePath, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----"))
        let permissions = try FileManager.default.attributesOfItem(atPath: first.privateKeyPath)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let (_, createdAgain) = try DevelopmentCertificate.loadOrCreate(in: folder)
        #expect(!createdAgain)
        #expect(try String(contentsOfFile: first.certificatePath, encoding: .utf8) == pem)
    }
}

@Suite struct CompressionTests {
    @Test func pagesAreCompressedForClientsThatAskAndOnlyThen() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("admin@school.org")
            let plain = try await browser.get("/admin/people")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let zipped = try await browser.send("/admin/people", method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            var body = zipped.body
            let inflated = try body.decompress(with: .gzip())
            #expect(String(buffer: inflated) == plain.text)
            let refused = try await browser.send("/admin/people", method: .get, headers: [.acceptEncoding: "gzip;q=0, br"])
            #expect(refused.headers[.contentEncoding] == nil)
            #expect(refused.text == plain.text)
        }
    }
}

@Suite struct AcceptEncodingTests {
    @Test func gzipIsUsedOnlyWhenTheHeaderAllowsItWithAWeightAboveZero() {
        #expect(AcceptEncoding("gzip, deflate, br").allowsGzip)
        #expect(AcceptEncoding("br;q=1.0, gzip;q=0.8").allowsGzip)
        #expect(AcceptEncoding("*").allowsGzip)
        #expect(AcceptEncoding("x-gzip").allowsGzip)
        #expect(!AcceptEncoding("gzip;q=0").allowsGzip)
        #expect(!AcceptEncoding("GZIP; Q=0.000").allowsGzip)
        #expect(!AcceptEncoding("*, gzip;q=0").allowsGzip)
        #expect(!AcceptEncoding("*;q=0").allowsGzip)
        #expect(!AcceptEncoding("identity").allowsGzip)
        #expect(!AcceptEncoding("gzip;q=nonsense").allowsGzip)
        #expect(!AcceptEncoding("ungzipped").allowsGzip)
        #expect(!AcceptEncoding(nil).allowsGzip)
    }
}

import Testing
@testable import CohortMail

@Suite("SMTPSettings(url:)")
struct SMTPSettingsTests {
    @Test("smtp:// with user, password and port")
    func full() throws {
        let settings = try SMTPSettings(url: "smtp://cohort:hunter2@mail.example.com:2525")
        #expect(settings.host == "mail.example.com")
        #expect(settings.port == 2525)
        #expect(settings.security == .startTLS)
        #expect(settings.username == "cohort")
        #expect(settings.password == "hunter2")
        #expect(settings.heloName == "localhost")
        #expect(settings.timeout == .seconds(30))
        #expect(settings.trustRootsFile == nil)
    }

    @Test("default ports: 587 for smtp, 465 for smtps")
    func defaultPorts() throws {
        let plain = try SMTPSettings(url: "smtp://mail.example.com")
        #expect(plain.port == 587 && plain.security == .startTLS && plain.username == nil && plain.password == nil)
        let tls = try SMTPSettings(url: "SMTPS://u:p@mail.example.com/")
        #expect(tls.port == 465 && tls.security == .tls)
    }

    @Test("user and password are percent-decoded")
    func percentDecoding() throws {
        let settings = try SMTPSettings(url: "smtp://me%40example.com:p%40ss%3Aw%2Fd%25%20%C3%A9@mail.example.com")
        #expect(settings.username == "me@example.com")
        #expect(settings.password == "p@ss:w/d% é")
        #expect(settings.host == "mail.example.com")
    }

    @Test("an unencoded @ in the password still finds the host after the last @")
    func rawAt() throws {
        let settings = try SMTPSettings(url: "smtp://u:p@ss@mail.example.com:25")
        #expect(settings.password == "p@ss" && settings.host == "mail.example.com" && settings.port == 25)
    }

    @Test("IPv6 literal hosts")
    func ipv6() throws {
        let settings = try SMTPSettings(url: "smtp://[::1]:2525")
        #expect(settings.host == "::1" && settings.port == 2525 && settings.isLoopback)
        #expect(settings.redacted == "smtp://[::1]:2525")
    }

    @Test("bad URLs are refused with a sentence that never repeats the password", arguments: [
        "http://u:secret@mail.example.com",
        "mail.example.com",
        "smtp://",
        "smtp://u:secret@",
        "smtp://u:secret@mail.example.com:0",
        "smtp://u:secret@mail.example.com:99999",
        "smtp://u:secret@mail.example.com:abc",
        "smtp://u@mail.example.com",
        "smtp://:secret@mail.example.com",
        "smtp://u:secret%zz@mail.example.com",
        "smtp://u:secret@mail.example.com/path",
        "smtp://u:secret@mail.example.com?x=1",
        "smtp://u:secret@[::1",
        "smtp://u:secret@bad host",
    ])
    func badURLs(url: String) {
        do {
            _ = try SMTPSettings(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.message.hasPrefix("The mail URL"))
            #expect(!error.message.contains("secret"))
        }
    }

    @Test("redacted hides the password and keeps the rest")
    func redacted() throws {
        let settings = try SMTPSettings(url: "smtps://me%40example.com:top%20secret@mail.example.com")
        #expect(settings.redacted == "smtps://me%40example.com:***@mail.example.com:465")
        #expect(try SMTPSettings(url: "smtp://mail.example.com:25").redacted == "smtp://mail.example.com:25")
    }

    @Test("only this machine counts as loopback", arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("LOCALHOST", true), ("::1", true),
        ("128.0.0.1", false), ("127.0.0", false), ("127.0.0.256", false), ("mail.example.com", false),
        ("127.0.0.1.example.com", false),
    ])
    func loopback(host: String, expected: Bool) {
        #expect(SMTPSettings(host: host, port: 25).isLoopback == expected)
    }
}

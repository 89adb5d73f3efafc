import CohortModel
import Hummingbird

/// The site's cookies, all `HttpOnly` and `SameSite=Lax`, and `Secure` over TLS.
struct CookieFactory: Sendable {
    static let sessionName = "cohort_session"
    static let visitorName = "cohort_visitor"
    static let heldFormName = "cohort_held_form"

    let secure: Bool

    func session(_ token: String) -> Cookie {
        Cookie(name: Self.sessionName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func visitor(_ token: String) -> Cookie {
        Cookie(name: Self.visitorName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Names the form kept while its author signs in again.
    func heldForm(_ token: String) -> Cookie {
        Cookie(name: Self.heldFormName, value: token, maxAge: Int(HeldForms.lifetime), path: "/", secure: secure,
               httpOnly: true, sameSite: .lax)
    }

    func flash(_ flash: Flash) -> Cookie {
        Cookie(name: Flash.cookieName, value: flash.cookieValue, maxAge: 120, path: "/", secure: secure,
               httpOnly: true, sameSite: .lax)
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

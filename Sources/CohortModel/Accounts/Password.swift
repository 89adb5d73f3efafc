import Crypto
import Foundation
import HummingbirdBcrypt

/// The password rules and their bcrypt hashing. Hashing is slow on purpose: callers
/// on a server run it on a thread pool, never on an event loop.
public enum Password {
    public static let minimumLength = 12
    public static let maximumLength = 128
    public static let defaultCost: UInt8 = 12

    public static func validate(_ password: String) throws(AccountError) {
        if password.count < minimumLength { throw .passwordTooShort(minimum: minimumLength) }
        if password.count > maximumLength { throw .passwordTooLong(maximum: maximumLength) }
    }

    /// Bcrypt reads only 72 bytes, so the password is first reduced to a fixed-size
    /// digest: every character of a long passphrase counts.
    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(prehash(password), cost: cost)
    }

    public static func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(prehash(password), hash: hash)
    }

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}

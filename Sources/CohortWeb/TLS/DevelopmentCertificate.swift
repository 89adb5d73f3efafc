import Crypto
import Foundation
import SwiftASN1
import X509

/// A self-signed certificate for localhost and 127.0.0.1, so a fresh checkout serves
/// HTTPS with no set-up. Created once in the data directory and reused until it
/// nears expiry.
public enum DevelopmentCertificate {
    public static let certificateFile = "dev-certificate.pem"
    public static let privateKeyFile = "dev-private-key.pem"

    /// Returns the files to serve with, and whether they were just made.
    public static func loadOrCreate(in directory: String, now: Date = Date()) throws -> (TLSFiles, created: Bool) {
        let files = TLSFiles(certificatePath: directory + "/" + certificateFile,
                             privateKeyPath: directory + "/" + privateKeyFile)
        if let existing = try? String(contentsOfFile: files.certificatePath, encoding: .utf8),
            let certificate = try? Certificate(pemEncoded: existing),
            certificate.notValidAfter > now.addingTimeInterval(7 * 86_400),
            FileManager.default.fileExists(atPath: files.privateKeyPath)
        {
            return (files, false)
        }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName("Cohort development certificate")
            OrganizationName("Cohort")
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .dnsName("localhost"),
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                ])
            },
            issuerPrivateKey: .init(key))
        try certificate.serializeAsPEM().pemString.write(toFile: files.certificatePath, atomically: true,
                                                         encoding: .utf8)
        FileManager.default.createFile(atPath: files.privateKeyPath, contents: Data(key.pemRepresentation.utf8),
                                       attributes: [.posixPermissions: 0o600])
        return (files, true)
    }
}

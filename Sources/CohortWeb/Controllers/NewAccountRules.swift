import CohortModel

/// The password checks shared by setup and invitations: valid, confirmed, hashed.
enum NewAccountRules {
    static func checkedPasswordHash(_ form: NewAccountForm, passwords: PasswordHashing) async throws -> String {
        let password = form.password ?? ""
        try Password.validate(password)
        guard password == form.passwordConfirmation else { throw AccountError.passwordsDoNotMatch }
        return try await passwords.hash(password)
    }
}

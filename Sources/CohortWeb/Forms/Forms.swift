import CohortModel

// Forms as posted by the pages. Every field is optional so that a missing field is
// reported next to the field, not as a decoding failure.

struct LoginForm: Decodable {
    var email: String?
    var password: String?
    var next: String?
}

struct NewAccountForm: Decodable {
    var name: String?
    var email: String?
    var password: String?
    var passwordConfirmation: String?
}

struct NameForm: Decodable {
    var name: String?
}

struct PasswordChangeForm: Decodable {
    var currentPassword: String?
    var newPassword: String?
    var passwordConfirmation: String?
}

struct InviteForm: Decodable {
    var email: String?
    var role: String?
}

struct TimeZoneForm: Decodable {
    var timeZone: String?
}

struct EmailChangeForm: Decodable {
    var newEmail: String?
    var currentPassword: String?
}

/// One field per mail topic, named as the topic; a topic left out keeps its choice.
struct MailPreferencesForm: Decodable {
    var reply, mention, feedback, feedbackRequest, reviewDecision, newThread: String?
    var meetings, portfolioDeadline, courseworkDue, reviewHolds: String?

    func choices() throws -> [MailTopic: MailDelivery] {
        let fields: [(MailTopic, String?)] = [
            (.reply, reply), (.mention, mention), (.feedback, feedback), (.feedbackRequest, feedbackRequest),
            (.reviewDecision, reviewDecision), (.newThread, newThread), (.meetings, meetings),
            (.portfolioDeadline, portfolioDeadline), (.courseworkDue, courseworkDue), (.reviewHolds, reviewHolds),
        ]
        var choices: [MailTopic: MailDelivery] = [:]
        for case let (topic, value?) in fields {
            guard let delivery = MailDelivery(rawValue: value) else { throw MailError.unknownDelivery }
            choices[topic] = delivery
        }
        return choices
    }
}

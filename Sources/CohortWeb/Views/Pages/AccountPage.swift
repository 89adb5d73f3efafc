import CohortModel

struct AccountPage: PageView {
    static let template = "account"
    let title = "Your account"
    var csrfToken: String
    var name: String
    var email: String
    var roleTitle: String
    var nameError: String?
    var passwordError: String?
    var minimumPasswordLength: Int
    var timeZone: String
    var timeZoneError: String?
    var zones: [ZoneGroup]
    var notificationTopics: [MailTopicChoice] = []
    var reminderTopics: [MailTopicChoice] = []
    var mailError: String?
    var newEmail = ""
    var emailError: String?

    /// One row of the mail preferences: what the topic is and how it is mailed.
    struct MailTopicChoice {
        struct Option {
            let value: String
            let label: String
            let selected: Bool
        }

        let name: String
        let title: String
        let options: [Option]

        init(_ topic: MailTopic, chosen: MailDelivery) {
            name = topic.rawValue
            title = topic.title
            options = topic.choices.map {
                Option(value: $0.rawValue, label: topic.isReminder && $0 == .immediately ? "On" : $0.title, selected: $0 == chosen)
            }
        }
    }
}

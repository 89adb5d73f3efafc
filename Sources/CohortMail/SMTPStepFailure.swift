/// What can go wrong inside a conversation before the relay has said 4xx or 5xx; the transport
/// turns these into a ``MailDeliveryError`` with the relay's name in the sentence.
enum SMTPStepFailure: Error {
    case timedOut(step: String)
    case closed(step: String)
    case malformedReply(step: String, line: String)
}

/// Numbers in sentences, with the noun that goes with them: "1 thread", "2 threads".
public enum Wording {
    public static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }
}

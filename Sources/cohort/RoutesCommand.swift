import ArgumentParser
import CohortWeb
import Foundation

/// `cohort routes`: every route the server answers, with the policy that guards it.
/// The test suites read `--json` so that a new route is covered without anyone listing it.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes", abstract: "List every route with its policy (who may use it).")

    @Flag(help: "Print JSON: method, path, policy, body (none, form, multipart) and csrf (none, token, ownSecret).")
    var json = false

    func run() async throws {
        let table = try await siteRoutes(settings: ServerSettings())
        if json {
            print(try table.json())
            return
        }
        let routes = table.routes.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
        let width = routes.map(\.path.count).max() ?? 0
        for route in routes {
            let method = route.method.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
            print("\(method) \(route.path.padding(toLength: width, withPad: " ", startingAt: 0))  \(route.policy.rawValue)")
        }
    }
}

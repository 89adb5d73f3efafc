import Foundation

extension PostMarkdown {
    /// Addresses typed bare in a post (`https://…`) become links and keep every character
    /// as typed: Ink links none of them and reads `a_b_c` inside one as emphasis. Each is
    /// taken out before Ink parses, left as a marker of noncharacters (which no one can
    /// type, see `TypedText`), and written back as a link afterwards. Addresses in code,
    /// in a Markdown link, or inside brackets or quotes are left to Ink.
    struct BareLinks {
        private(set) var urls: [String] = []
        private static let marker = Character(Unicode.Scalar(0xFDD1)!)

        mutating func extract(from text: String) -> String {
            guard text.range(of: "http", options: .caseInsensitive) != nil else { return text }
            var inFence = false
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("```") { inFence.toggle(); return String(line) }
                return inFence || line.hasPrefix("    ") || line.hasPrefix("\t") ? String(line) : extract(line: line)
            }
            return lines.joined(separator: "\n")
        }

        private mutating func extract(line: Substring) -> String {
            var out = ""
            var index = line.startIndex
            var openBrackets = 0
            var codeTicks = 0
            while index < line.endIndex {
                let character = line[index]
                if character == "`" {
                    let run = line[index...].prefix { $0 == "`" }
                    codeTicks = codeTicks == 0 ? run.count : (codeTicks == run.count ? 0 : codeTicks)
                    out += run
                    index = run.endIndex
                    continue
                }
                if codeTicks == 0 {
                    if character == "[" { openBrackets += 1 }
                    if character == "]" { openBrackets = max(0, openBrackets - 1) }
                    if openBrackets == 0, let url = Self.url(at: index, in: line) {
                        out.append(Self.marker)
                        out += String(urls.count)
                        out.append(Self.marker)
                        urls.append(url)
                        index = line.index(index, offsetBy: url.count)
                        continue
                    }
                }
                out.append(character)
                index = line.index(after: index)
            }
            return out
        }

        /// An address starting at `index`, not glued to what comes before it, without the
        /// punctuation that ends a sentence (a `)` only when the address opened one).
        private static func url(at index: Substring.Index, in line: Substring) -> String? {
            let rest = line[index...]
            guard rest.prefix(8).lowercased().hasPrefix("https://") || rest.prefix(7).lowercased().hasPrefix("http://") else { return nil }
            if index > line.startIndex {
                let before = line[line.index(before: index)]
                guard !before.isLetter, !before.isNumber, !"(<\"'=/&".contains(before) else { return nil }
            }
            // Direction overrides and other invisible format characters end an address:
            // inside a link's href they would escape the text's own balancing (TypedText).
            var url = String(rest.prefix { character in
                !character.isWhitespace && !"<>\"'`".contains(character) && character != marker
                    && !character.unicodeScalars.contains { $0.properties.generalCategory == .format || $0.value < 0x20 }
            })
            while let last = url.last, ".,;:!?*~".contains(last)
                || last == ")" && url.filter({ $0 == ")" }).count > url.filter({ $0 == "(" }).count {
                url.removeLast()
            }
            let host = url.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard !host.isEmpty, safeURL(url) != nil else { return nil }
            return url
        }

        /// The links in place of their markers.
        func restore(in html: String) -> String {
            guard !urls.isEmpty else { return html }
            var out = ""
            var rest = Substring(html)
            while let start = rest.firstIndex(of: Self.marker) {
                out += rest[..<start]
                let afterStart = rest.index(after: start)
                guard let end = rest[afterStart...].firstIndex(of: Self.marker), let number = Int(rest[afterStart..<end]),
                    urls.indices.contains(number)
                else {
                    rest = rest[afterStart...]
                    continue
                }
                let url = urls[number]
                out += "<a href=\"\(escapeAttribute(url))\" rel=\"nofollow ugc noopener\">\(escape(url))</a>"
                rest = rest[rest.index(after: end)...]
            }
            return out + rest
        }
    }
}

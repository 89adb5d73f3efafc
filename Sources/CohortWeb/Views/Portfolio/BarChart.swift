/// A small horizontal bar chart as inline SVG, drawn on the server (no script, no
/// inline style: colours are attributes and classes from the stylesheet).
struct BarChart {
    struct Bar {
        let label: String
        let value: Int
        let maximum: Int
    }

    let title: String
    let bars: [Bar]

    var svg: String {
        let rowHeight = 28, labelWidth = 130, barWidth = 220, valueWidth = 60
        let width = labelWidth + barWidth + valueWidth
        let height = rowHeight * bars.count + 8
        var out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" aria-label=\"\(HTMLText.escape(title))\">"
        out += "<title>\(HTMLText.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let filled = bar.maximum > 0 ? Int(Double(barWidth) * Double(bar.value) / Double(bar.maximum)) : 0
            out += "<text x=\"0\" y=\"\(y + 18)\" class=\"chart-label\">\(HTMLText.escape(bar.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"18\" rx=\"3\" class=\"chart-track\"/>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(filled)\" height=\"18\" rx=\"3\" class=\"chart-bar\"/>"
            out += "<text x=\"\(labelWidth + barWidth + 8)\" y=\"\(y + 18)\" class=\"chart-value\">\(bar.value)/\(bar.maximum)</text>"
        }
        return out + "</svg>"
    }
}

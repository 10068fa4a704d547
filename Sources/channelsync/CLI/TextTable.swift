/// An aligned plain-text table for the ops commands. Cells are made safe for a
/// terminal (control characters, which remote data may carry, become spaces or `?`)
/// and cut to their column's width with `…` unless the table is wide.
struct TextTable {
    struct Column {
        let title: String
        /// Longest cell shown before it is cut; nil never cuts.
        let maxWidth: Int?
        let alignRight: Bool

        init(_ title: String, max maxWidth: Int? = nil, right alignRight: Bool = false) {
            self.title = title
            self.maxWidth = maxWidth
            self.alignRight = alignRight
        }
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ cells: [String]) {
        rows.append(cells)
    }

    var isEmpty: Bool { rows.isEmpty }

    /// The header and the rows, two spaces between columns, no trailing spaces.
    func render(wide: Bool = false) -> [String] {
        layout(wide: wide, fixed: false)
    }

    /// Like `render`, but every cut column is as wide as its limit, so tables printed
    /// one after another (`journal --follow`) line up. `wide` cannot be fixed.
    func renderFixed(wide: Bool = false) -> [String] {
        layout(wide: wide, fixed: !wide)
    }

    private func layout(wide: Bool, fixed: Bool) -> [String] {
        let cells = ([columns.map(\.title)] + rows).map { row in
            columns.indices.map { index -> String in
                let text = Self.printable(index < row.count ? row[index] : "")
                guard !wide, let limit = columns[index].maxWidth else { return text }
                return Self.cut(text, to: limit)
            }
        }
        let widths = columns.indices.map { index in
            let natural = cells.map { $0[index].count }.max() ?? 0
            guard fixed, let limit = columns[index].maxWidth else { return natural }
            return max(limit, columns[index].title.count)
        }
        return cells.map { row in
            var line = ""
            for index in columns.indices {
                let cell = row[index]
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if index > 0 { line += "  " }
                line += columns[index].alignRight ? padding + cell : cell + padding
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// `text` cut to `limit` characters, the last one `…` when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit > 1 else { return String(text.prefix(limit)) }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Line breaks and tabs become spaces, other control characters `?`: a remote's
    /// message must not move the cursor or recolour the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                result.append(" ")
            } else if isControl(scalar) {
                result.append("?")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

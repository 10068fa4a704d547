/// One metric family of the text exposition format: HELP, TYPE, then its samples.
struct MetricFamily {
    enum Kind: String {
        case counter
        case gauge
    }

    struct Sample {
        var labels: [(String, String)]
        var value: Double
    }

    let name: String
    let help: String
    let kind: Kind
    var samples: [Sample] = []

    init(_ name: String, _ kind: Kind, _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
    }

    mutating func add(_ labels: [(String, String)], _ value: Double) {
        samples.append(Sample(labels: labels, value: value))
    }

    mutating func add(_ labels: [(String, String)], _ value: Int) {
        add(labels, Double(value))
    }
}

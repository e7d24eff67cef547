import GuardrailDomain

// MARK: - RunSettings

/// What a run's configuration tells the checks beyond their rule files: the
/// bitmap geometry (`bitmap:` in `.guardrail.yml`) the `bitmap-*` checks
/// compare code against, and the other names code uses for its constants.
/// The engine builds it once per run; every file's `FileContext` carries it.
public struct RunSettings: Sendable, Equatable {
    /// The configured day-bitmap geometry (default: 1 bit per minute).
    public var geometry: BitmapGeometry
    /// Further names for the geometry constants (`BYTES_PER_DAY: [BITMAP_BYTES]`).
    public var aliases: [BitmapGeometry.Constant: [String]]

    public init(geometry: BitmapGeometry = .default, aliases: [BitmapGeometry.Constant: [String]] = [:]) {
        self.geometry = geometry
        self.aliases = aliases
    }

    /// Settings from configuration values as written: minutes per slot (the
    /// default geometry when it does not divide a day; configuration loading
    /// rejects that earlier) and aliases keyed by constant name (unknown
    /// constant names are ignored).
    public init(minutesPerSlot: Int, aliases: [String: [String]]) {
        self.geometry = BitmapGeometry(minutesPerSlot: minutesPerSlot) ?? .default
        var byConstant: [BitmapGeometry.Constant: [String]] = [:]
        for (name, names) in aliases {
            guard let constant = BitmapGeometry.Constant(rawValue: name) else { continue }
            byConstant[constant, default: []] += names
        }
        self.aliases = byConstant
    }

    /// Every name that defines a geometry constant, canonical names first,
    /// then aliases, each with the constant it stands for. A name listed for
    /// two constants keeps the first.
    public var constantNames: [(name: [UInt8], constant: BitmapGeometry.Constant)] {
        var out: [(name: [UInt8], constant: BitmapGeometry.Constant)] = []
        var seen: Set<[UInt8]> = []
        for constant in BitmapGeometry.Constant.allCases {
            let name = Array(constant.rawValue.utf8)
            if seen.insert(name).inserted { out.append((name, constant)) }
        }
        for constant in BitmapGeometry.Constant.allCases {
            for alias in (aliases[constant] ?? []).sorted() where !alias.isEmpty {
                let name = Array(alias.utf8)
                if seen.insert(name).inserted { out.append((name, constant)) }
            }
        }
        return out
    }
}

import GuardrailRules

// MARK: - Configuration → RunSettings

extension Configuration.Bitmap {
    /// The checks' view of the `bitmap:` section: geometry and aliases.
    public var runSettings: RunSettings {
        RunSettings(minutesPerSlot: minutesPerSlot, aliases: aliases)
    }
}

extension Configuration {
    /// The settings every file's checks see in a run with this configuration.
    public var runSettings: RunSettings { bitmap.runSettings }
}

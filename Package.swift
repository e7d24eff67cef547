// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "guardrail",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "guardrail", targets: ["guardrail"]),
        .library(name: "GuardrailEngine", targets: ["GuardrailEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Bytes → tokens → light syntax. Knows nothing of rules.
        .target(name: "GuardrailSyntax"),
        // Rule definitions, findings and one file per check kind.
        .target(name: "GuardrailRules", dependencies: ["GuardrailSyntax", "Yams"]),
        // Discovery, configuration, scheduling, suppressions, fixtures.
        .target(name: "GuardrailEngine", dependencies: ["GuardrailSyntax", "GuardrailRules", "Yams"]),
        // Findings → bytes.
        .target(name: "GuardrailReporters", dependencies: ["GuardrailRules"]),
        .executableTarget(
            name: "guardrail",
            dependencies: [
                "GuardrailEngine", "GuardrailReporters", "GuardrailRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GuardrailSyntaxTests", dependencies: ["GuardrailSyntax"]),
        .testTarget(name: "GuardrailRulesTests", dependencies: ["GuardrailRules", "GuardrailEngine"]),
        .testTarget(name: "GuardrailEngineTests", dependencies: ["GuardrailEngine"]),
        .testTarget(name: "GuardrailReportersTests", dependencies: ["GuardrailReporters", "GuardrailEngine"],
                    exclude: ["Golden"]),
        .testTarget(name: "guardrailTests", dependencies: ["guardrail"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
import Foundation
import PackageDescription

// MARK: - libclang

/// C and C++ files are read through libclang (Debian's `libclang-dev`), which
/// guardrail `dlopen`s the first time a C file needs it. Only its headers are
/// needed to build: they live in `/usr/lib/llvm-<N>/include/clang-c`, and N
/// differs between machines, so the manifest finds the newest one here. The
/// directory is also compiled in (`GUARDRAIL_LLVM_DIR`) so that the binary
/// loads the libclang of the same LLVM it was compiled against.
/// Without the headers the manifest stops with one line saying what to install
/// (a failed manifest is not cached, so the next build after installing works).
let llvmDirectory: String = {
    let fm = FileManager.default
    let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib")) ?? []).compactMap { name -> Int? in
        name.hasPrefix("llvm-") ? Int(name.dropFirst(5)) : nil
    }
    for version in versions.sorted(by: >) {
        let dir = "/usr/lib/llvm-\(version)"
        if fm.fileExists(atPath: dir + "/include/clang-c/Index.h") { return dir }
    }
    FileHandle.standardError.write(Data("guardrail needs the libclang headers (/usr/lib/llvm-<N>/include/clang-c/Index.h), which are not installed: apt-get install libclang-dev\n".utf8))
    exit(1)
}()

/// Flags every Swift target gets so that the `CClang` module (and any module
/// that imports it, even internally: tests import with `@testable`) resolves
/// `<clang-c/Index.h>`. Nothing is linked: libclang is loaded at run time.
let clangFlags: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-I\(llvmDirectory)/include", "-Xcc", "-DGUARDRAIL_LLVM_DIR=\"\(llvmDirectory)\""]),
]

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
        // libclang's C API, declared through its own headers (never linked).
        .systemLibrary(name: "CClang", providers: [.apt(["libclang-dev"])]),
        // The C front end: libclang loaded lazily, one index per thread,
        // tokens, `#include`s and facts of C/C++ files.
        .target(name: "GuardrailClang", dependencies: ["CClang", "GuardrailSyntax"]),
        // The trigger-word prefilter's vector search (AVX2), in C: Swift has
        // no byte shuffle, nor a way to compile one function for AVX2 behind
        // a check of the processor at run time.
        .target(name: "CPairScan"),
        // The availability bitmap: geometry, HH:MM[:SS] with 24:00, windows ⇄ bits.
        .target(name: "GuardrailDomain"),
        // Rule definitions, findings and one file per check kind.
        .target(name: "GuardrailRules", dependencies: ["GuardrailSyntax", "GuardrailClang", "GuardrailDomain", "Yams"]),
        // Discovery, configuration, scheduling, suppressions, fixtures.
        .target(name: "GuardrailEngine", dependencies: ["CPairScan", "GuardrailSyntax", "GuardrailClang", "GuardrailRules", "Yams"]),
        // Findings → bytes.
        .target(name: "GuardrailReporters", dependencies: ["GuardrailRules"]),
        .executableTarget(
            name: "guardrail",
            dependencies: [
                "GuardrailEngine", "GuardrailReporters", "GuardrailRules", "GuardrailClang",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers several test targets share (temporary folders, guarded
        // buffers, a seeded generator); in no product.
        .target(name: "GuardrailTestSupport", path: "Tests/GuardrailTestSupport"),
        .testTarget(name: "GuardrailSyntaxTests", dependencies: ["GuardrailSyntax", "GuardrailTestSupport"]),
        .testTarget(name: "GuardrailDomainTests", dependencies: ["GuardrailDomain"]),
        .testTarget(name: "GuardrailClangTests", dependencies: ["GuardrailClang", "GuardrailSyntax"]),
        .testTarget(name: "GuardrailRulesTests", dependencies: ["GuardrailRules", "GuardrailEngine", "GuardrailTestSupport"]),
        .testTarget(name: "GuardrailEngineTests", dependencies: ["GuardrailEngine", "CPairScan", "GuardrailTestSupport"]),
        .testTarget(name: "GuardrailReportersTests", dependencies: ["GuardrailReporters", "GuardrailEngine"],
                    exclude: ["Golden"]),
        .testTarget(name: "guardrailTests", dependencies: ["guardrail", "GuardrailTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + clangFlags
}

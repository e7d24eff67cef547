internal import CClang

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - ClangIndex

/// One libclang index (`CXIndex`) per thread. libclang allows parsing on many
/// threads at once as long as each uses its own index, so a worker creates
/// its index the first time it parses and keeps it for its later files; the
/// index is disposed when the thread exits. Translation units never outlive
/// the call that parsed them on that thread (`ClangTranslationUnit` is not
/// `Sendable`).
enum ClangIndex {
    /// The thread-specific slot holding each thread's index.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { index in
            guard let index, case .success(let library) = ClangLibrary.loaded else { return }
            library.api.clang_disposeIndex!(index)
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()

    /// The calling thread's index, created on first use.
    static func current(_ library: LoadedLibrary) -> CXIndex {
        if let index = pthread_getspecific(key) { return index }
        // excludeDeclarationsFromPCH: 0, displayDiagnostics: 0 (they are
        // collected per translation unit, never printed by libclang).
        let index = library.api.clang_createIndex!(0, 0)!
        pthread_setspecific(key, index)
        return index
    }
}

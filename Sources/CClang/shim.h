// libclang's C API as guardrail uses it: declared through libclang's own
// headers, never linked. `GuardrailClangAPI` holds one function pointer per
// entry point, typed with `__typeof__` of the header's declaration, and
// `guardrail_clang_bind` fills it with `dlsym` from a `dlopen`ed libclang.
// So the binary starts (and checks Python and TypeScript) on a machine
// without libclang, and the signatures cannot drift from the headers.
#ifndef GUARDRAIL_CCLANG_SHIM_H
#define GUARDRAIL_CCLANG_SHIM_H

#if __has_include(<clang-c/Index.h>)
#include <clang-c/Index.h>
#else
#error "guardrail: libclang headers not found (clang-c/Index.h): apt-get install libclang-dev (if it is installed, remove .build so that Package.swift looks again)"
#endif
#include <dlfcn.h>

#ifndef GUARDRAIL_LLVM_DIR
#error "guardrail: GUARDRAIL_LLVM_DIR is set by Package.swift (the /usr/lib/llvm-<N> whose headers are used)"
#endif

/// The LLVM directory whose headers this build was compiled against,
/// e.g. `/usr/lib/llvm-14`; its libclang is the one loaded first.
static inline const char *guardrail_llvm_dir(void) { return GUARDRAIL_LLVM_DIR; }

/// Every libclang entry point guardrail calls.
#define GUARDRAIL_CLANG_FUNCTIONS(X) \
    X(clang_getClangVersion) \
    X(clang_getCString) \
    X(clang_disposeString) \
    X(clang_createIndex) \
    X(clang_disposeIndex) \
    X(clang_parseTranslationUnit2) \
    X(clang_disposeTranslationUnit) \
    X(clang_getFile) \
    X(clang_getLocationForOffset) \
    X(clang_getRange) \
    X(clang_getRangeStart) \
    X(clang_getRangeEnd) \
    X(clang_getFileLocation) \
    X(clang_Location_isFromMainFile) \
    X(clang_tokenize) \
    X(clang_disposeTokens) \
    X(clang_getTokenKind) \
    X(clang_getTokenExtent) \
    X(clang_getNumDiagnostics) \
    X(clang_getDiagnostic) \
    X(clang_disposeDiagnostic) \
    X(clang_getDiagnosticSeverity) \
    X(clang_getDiagnosticLocation) \
    X(clang_getDiagnosticSpelling) \
    X(clang_getTranslationUnitCursor) \
    X(clang_visitChildren) \
    X(clang_getCursorKind) \
    X(clang_getCursorLocation) \
    X(clang_getCursorExtent) \
    X(clang_getCursorSpelling) \
    X(clang_getCursorType) \
    X(clang_getCanonicalType) \
    X(clang_isConstQualifiedType) \
    X(clang_getArraySize) \
    X(clang_getArrayElementType) \
    X(clang_getTypeSpelling) \
    X(clang_getTypedefDeclUnderlyingType) \
    X(clang_getEnumConstantDeclValue) \
    X(clang_Cursor_isMacroFunctionLike) \
    X(clang_Cursor_getStorageClass) \
    X(clang_Cursor_getVarDeclInitializer) \
    X(clang_Cursor_isNull) \
    X(clang_Cursor_Evaluate) \
    X(clang_EvalResult_getKind) \
    X(clang_EvalResult_isUnsignedInt) \
    X(clang_EvalResult_getAsLongLong) \
    X(clang_EvalResult_getAsUnsigned) \
    X(clang_EvalResult_dispose) \
    X(clang_getSkippedRanges) \
    X(clang_disposeSourceRangeList)

/// One typed function pointer per entry point, named like the function.
typedef struct GuardrailClangAPI {
#define GUARDRAIL_CLANG_FIELD(name) __typeof__(&name) name;
    GUARDRAIL_CLANG_FUNCTIONS(GUARDRAIL_CLANG_FIELD)
#undef GUARDRAIL_CLANG_FIELD
} GuardrailClangAPI;

/// Fills `api` from a `dlopen` handle. Returns NULL when every symbol was
/// found, else the name of the first missing one.
static inline const char *guardrail_clang_bind(void *handle, GuardrailClangAPI *api) {
#define GUARDRAIL_CLANG_BIND(name) \
    api->name = (__typeof__(&name))dlsym(handle, #name); \
    if (api->name == 0) return #name;
    GUARDRAIL_CLANG_FUNCTIONS(GUARDRAIL_CLANG_BIND)
#undef GUARDRAIL_CLANG_BIND
    return 0;
}

#endif

import GuardrailSyntax

/// A token with the 1-based line and code-point column of its first byte, as
/// `TokenPositions` computes them: tokens carry no positions of their own.
/// Reads through to the token (`kind`, `start`, `end`, `length`).
@dynamicMemberLookup
struct LocatedToken: Equatable {
    let token: Token
    let line: Int
    let column: Int

    subscript<T>(dynamicMember path: KeyPath<Token, T>) -> T { token[keyPath: path] }
}

/// `tokens` of `bytes`, each with its position.
func located(_ tokens: [Token], _ bytes: [UInt8]) -> [LocatedToken] {
    zip(tokens, TokenPositions.of(tokens, in: bytes)).map { LocatedToken(token: $0, line: $1.line, column: $1.column) }
}

/// Recursive-descent parser. Precedence, loosest first:
///
/// 1. `or`            (left associative)
/// 2. `and`           (left associative)
/// 3. `not`           (prefix)
/// 4. `< <= > >= == !=` (left associative; chaining is a type error, E108)
/// 5. `+ -`           (left associative)
/// 6. `* /`           (left associative)
/// 7. unary `-` `+`   (prefix)
/// 8. `^`             (right associative, binds tighter than unary minus: `-x^2 = -(x^2)`,
///                     and its exponent may carry a sign: `2^-1 = 0.5`)
/// 9. postfix `@ name` (metrics only: `x@humanLevel`, `(a / b)@end`)
/// 10. numbers, names, calls `f(a, b)`, parentheses
struct Parser {
    private let tokens: [Token]
    private let source: String
    private let origin: SourceLocation
    private var index = 0

    /// Parses a whole expression string.
    static func parse(_ source: String, origin: SourceLocation) throws(ExpressionError) -> Syntax {
        var lexer = Lexer(source, origin: origin)
        var parser = Parser(tokens: try lexer.tokenize(), source: source, origin: origin)
        return try parser.parseAll()
    }

    private init(tokens: [Token], source: String, origin: SourceLocation) {
        self.tokens = tokens
        self.source = source
        self.origin = origin
    }

    private var current: Token { tokens[index] }

    private func error(_ message: String, at offset: Int) -> ExpressionError {
        ExpressionError(.syntax, message, source: source, offset: offset, origin: origin)
    }

    private mutating func parseAll() throws(ExpressionError) -> Syntax {
        if current.kind == .end { throw error("empty expression", at: 0) }
        let tree = try parseOr()
        guard current.kind == .end else { throw trailingError() }
        return tree
    }

    /// A token after a complete expression: explain the most likely mistake.
    private func trailingError() -> ExpressionError {
        switch current.kind {
        case .rightParen:
            return error("unmatched ')'", at: current.offset)
        case .identifier, .number, .leftParen:
            return error("unexpected '\(current.kind.display)' after a complete expression; "
                + "implicit multiplication is not supported, write '*'", at: current.offset)
        default:
            return error("unexpected '\(current.kind.display)'", at: current.offset)
        }
    }

    private mutating func parseOr() throws(ExpressionError) -> Syntax {
        var lhs = try parseAnd()
        while current.kind == .or {
            let offset = current.offset
            index += 1
            lhs = .binary(.or, lhs, try parseAnd(), operatorOffset: offset)
        }
        return lhs
    }

    private mutating func parseAnd() throws(ExpressionError) -> Syntax {
        var lhs = try parseNot()
        while current.kind == .and {
            let offset = current.offset
            index += 1
            lhs = .binary(.and, lhs, try parseNot(), operatorOffset: offset)
        }
        return lhs
    }

    private mutating func parseNot() throws(ExpressionError) -> Syntax {
        guard current.kind == .not else { return try parseComparison() }
        let offset = current.offset
        index += 1
        return .unary(.not, try parseNot(), offset: offset)
    }

    private mutating func parseComparison() throws(ExpressionError) -> Syntax {
        var lhs = try parseAdditive()
        while let op = Self.comparison(current.kind) {
            let offset = current.offset
            index += 1
            lhs = .binary(op, lhs, try parseAdditive(), operatorOffset: offset)
        }
        return lhs
    }

    private static func comparison(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equal: .equal
        case .notEqual: .notEqual
        default: nil
        }
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Syntax {
        var lhs = try parseMultiplicative()
        while current.kind == .plus || current.kind == .minus {
            let op: BinaryOperator = current.kind == .plus ? .add : .subtract
            let offset = current.offset
            index += 1
            lhs = .binary(op, lhs, try parseMultiplicative(), operatorOffset: offset)
        }
        return lhs
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Syntax {
        var lhs = try parseUnary()
        while current.kind == .star || current.kind == .slash {
            let op: BinaryOperator = current.kind == .star ? .multiply : .divide
            let offset = current.offset
            index += 1
            lhs = .binary(op, lhs, try parseUnary(), operatorOffset: offset)
        }
        return lhs
    }

    private mutating func parseUnary() throws(ExpressionError) -> Syntax {
        let offset = current.offset
        switch current.kind {
        case .minus:
            index += 1
            return .unary(.negate, try parseUnary(), offset: offset)
        case .plus:
            index += 1
            return try parseUnary()
        default:
            return try parsePower()
        }
    }

    private mutating func parsePower() throws(ExpressionError) -> Syntax {
        let base = try parseAt()
        guard current.kind == .caret else { return base }
        let offset = current.offset
        index += 1
        // Right associative; the exponent may be signed (`2^-x`), hence parseUnary.
        return .binary(.power, base, try parseUnary(), operatorOffset: offset)
    }

    /// A primary with any number of `@ name` suffixes.
    private mutating func parseAt() throws(ExpressionError) -> Syntax {
        var operand = try parsePrimary()
        while current.kind == .at {
            let offset = current.offset
            index += 1
            guard case .identifier(let name) = current.kind else {
                throw error("expected an event name (or end, start, max, min) after '@'", at: current.offset)
            }
            operand = .at(operand, event: name, offset: offset, eventOffset: current.offset)
            index += 1
        }
        return operand
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Syntax {
        let token = current
        switch token.kind {
        case .number(let value):
            index += 1
            return .number(value, offset: token.offset)
        case .identifier(let name):
            index += 1
            guard current.kind == .leftParen else { return .name(name, offset: token.offset) }
            return .call(name, try parseArguments(), offset: token.offset)
        case .leftParen:
            index += 1
            let inner = try parseOr()
            guard current.kind == .rightParen else {
                throw error("expected ')' to close the '(' at character \(token.offset + 1) of the expression", at: current.offset)
            }
            index += 1
            return inner
        case .end:
            throw error("unexpected end of expression; expected a number, name or '('", at: token.offset)
        default:
            throw error("unexpected '\(token.kind.display)'; expected a number, name or '('", at: token.offset)
        }
    }

    /// `( [expr {, expr}] )`, with the current token being `(`.
    private mutating func parseArguments() throws(ExpressionError) -> [Syntax] {
        index += 1
        var arguments: [Syntax] = []
        if current.kind == .rightParen {
            index += 1
            return arguments
        }
        while true {
            arguments.append(try parseOr())
            if current.kind == .comma {
                index += 1
                continue
            }
            guard current.kind == .rightParen else {
                throw error("expected ',' or ')' in argument list, found '\(current.kind.display)'",
                            at: current.offset)
            }
            index += 1
            return arguments
        }
    }
}

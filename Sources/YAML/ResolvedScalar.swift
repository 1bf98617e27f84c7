/// A scalar's value after YAML 1.2 core-schema resolution the way compose's YAML library (go-yaml v3) does it,
/// so numbers in `environment:` or `labels:` turn into the same strings compose produces (`010` → `8`, `1e6` → `1e+06`).
public enum ResolvedScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(String)

    /// The text compose gives this value when a string is needed (Go's `fmt.Sprint`).
    public var composeText: String? {
        switch self {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let d): return GoFloatFormat.format(d)
        case .string(let s): return s
        }
    }

    /// True for strings only: those are what interpolation applies to.
    public var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

extension YAMLNode {
    /// Resolves a scalar node: quoted or `!!str`-tagged scalars stay strings; plain ones get typed.
    public var resolved: ResolvedScalar? {
        guard let scalar else { return nil }
        if scalar.style != .plain || tag == "tag:yaml.org,2002:str" { return .string(scalar.value) }
        return ResolvedScalar.resolvePlain(scalar.value)
    }
}

extension ResolvedScalar {
    /// go-yaml v3's plain-scalar resolution: special words, then int, uint, float (YAML-style), binary.
    public static func resolvePlain(_ text: String) -> ResolvedScalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: break
        }
        guard let first = text.first else { return .string(text) }
        if first == "." {
            if isYAMLFloat(text), let value = Double(text) { return .float(value) }
            return .string(text)
        }
        guard first.isASCII, first.isNumber || first == "+" || first == "-" else { return .string(text) }
        let plain = text.filter { $0 != "_" }
        if let value = GoInteger.parseSigned(plain) { return .int(value) }
        if let value = GoInteger.parseUnsigned(plain) { return .uint(value) }
        if isYAMLFloat(plain), let value = Double(plain) { return .float(value) }
        return .string(text)
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLFloat(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digitsOnly: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if parts.count == 1 {
            guard !parts[0].isEmpty, digitsOnly(parts[0]) else { return false }
        } else {
            guard digitsOnly(parts[0]), digitsOnly(parts[1]) else { return false }
            if parts[0].isEmpty && parts[1].isEmpty { return false }
        }
        guard mantissaEnd < chars.endIndex else { return true }
        var exponent = chars[chars.index(after: mantissaEnd)...]
        if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && digitsOnly(exponent)
    }
}

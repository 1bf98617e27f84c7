/// Name rules for stacks, hosts and services (compose project rules; no path tricks).
enum Names {
    /// `[a-z0-9][a-z0-9_-]*`, as compose requires for project names.
    static func isValidProject(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLowerAlnum(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "_" || $0 == "-" }
    }

    /// Host file names follow the same rule (they become labels and file names).
    static func isValidHost(_ name: String) -> Bool {
        isValidProject(name)
    }

    /// `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, as compose requires for service names.
    static func isValidService(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || isDigit(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || isDigit($0) || $0 == "_" || $0 == "." || $0 == "-")
        }
    }

    private static func isLowerAlnum(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || isDigit(c)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c)
    }
}

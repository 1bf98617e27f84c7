/// Why the browser could not be driven; a missing browser fails the test (CI installs it with scripts/deps --lab).
enum BrowserError: Error, CustomStringConvertible {
    case missing(String)
    case devTools(String)
    case timedOut(String)
    case script(String)

    var description: String {
        switch self {
        case .missing(let path): return "\(path) is not installed: run `scripts/deps --lab` (it installs chromium)"
        case .devTools(let message): return "DevTools: \(message)"
        case .timedOut(let what): return "the page never showed \(what)"
        case .script(let message): return "the page's script threw: \(message)"
        }
    }
}

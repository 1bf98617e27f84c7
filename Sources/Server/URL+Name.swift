import FoundationEssentials

extension URL {
    /// `scheme://host[:port]/path`: how status, metrics and logs name an address. The user, password, query and
    /// fragment are left out, since that is where tokens go.
    func nameWithoutSecrets(schemeIfNone: String) -> String {
        let port = port.map { ":\($0)" } ?? ""
        return "\(scheme ?? schemeIfNone)://\(host ?? "")\(port)\(path)"
    }
}

import Store

extension Store {
    /// One service's hold, read as a pass reads them: from its host's list.
    func heldBack(host: String, stack: String, service: String) throws -> HeldBack? {
        try heldBack(host: host).first { $0.stack == stack && $0.service == service }
    }
}

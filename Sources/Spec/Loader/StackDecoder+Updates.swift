import YAML

extension StackDecoder {
    /// Service name → the update policy of services that override the stack's under their own `x-reconcile`.
    func serviceUpdatePolicies(services node: YAMLNode?, stack: UpdatePolicy) -> [String: UpdatePolicy] {
        var result: [String: UpdatePolicy] = [:]
        for pair in node?.mapping ?? [] {
            guard let name = pair.key.scalar?.value, let block = pair.value.pair(forKey: "x-reconcile") else { continue }
            let decoder = ReconcileBlockDecoder(reader: reader)
            if let policy = decoder.serviceUpdates(block.value, service: name, stack: stack) { result[name] = policy }
        }
        return result
    }
}

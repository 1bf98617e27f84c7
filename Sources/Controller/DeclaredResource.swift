import Spec

/// A top-level network or volume of a stack, as `StackResources` checks it before creating it.
protocol DeclaredResource {
    var name: String { get }
    var external: Bool { get }
}

extension NetworkSpec: DeclaredResource {}
extension VolumeSpec: DeclaredResource {}

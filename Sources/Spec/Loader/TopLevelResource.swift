/// A top-level network or volume as `ResourceDecoder` reads it: the options both take, and the name compose
/// gives it.
protocol TopLevelResource {
    var name: String { get set }
    var external: Bool { get set }
    var driver: String? { get set }
    var driverOpts: [String: String] { get set }
    var labels: [String: String] { get set }
}

extension NetworkSpec: TopLevelResource {}
extension VolumeSpec: TopLevelResource {}

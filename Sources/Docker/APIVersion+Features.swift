/// What the Engine API offers at a version, where request bodies differ between 1.41 and today's engines.
/// Everything reconcile sends is valid at every version from `DockerClient.minimumAPIVersion` on; these
/// say where a newer engine takes a better form.
extension APIVersion {
    /// Several networks in `NetworkingConfig.EndpointsConfig` at create (1.44). Before, an engine joins
    /// only one and the rest are connected after create, as Compose does there.
    public var createsWithEveryNetwork: Bool { self >= APIVersion(major: 1, minor: 44) }

    /// `Healthcheck.StartInterval` (1.44): probe this often during the start period. Older engines
    /// ignore it, so it is not sent to them.
    public var hasHealthStartInterval: Bool { self >= APIVersion(major: 1, minor: 44) }

    /// Network create always refuses a duplicate name (1.44) and `CheckDuplicate` is deprecated there.
    public var refusesDuplicateNetworks: Bool { self >= APIVersion(major: 1, minor: 44) }

    /// A container's MAC address belongs to its endpoint (1.44; `Config.MacAddress` is deprecated there), as
    /// Compose sends it; older engines take it in `Config.MacAddress`.
    public var setsMacAddressPerEndpoint: Bool { self >= APIVersion(major: 1, minor: 44) }
}

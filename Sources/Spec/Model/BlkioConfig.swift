/// `blkio_config`: block I/O weight and throttles, sent as Compose sends them (`HostConfig.Blkio…`).
public struct BlkioConfig: Sendable, Codable, Hashable {
    /// A device and a number for it: a weight (10–1000), bytes per second, or operations per second.
    public struct DeviceValue: Sendable, Codable, Hashable {
        public var path: String
        public var value: Int64

        public init(path: String, value: Int64) {
            self.path = path
            self.value = value
        }
    }

    public var weight: Int?
    public var weightDevice: [DeviceValue]?
    public var deviceReadBps: [DeviceValue]?
    public var deviceWriteBps: [DeviceValue]?
    public var deviceReadIops: [DeviceValue]?
    public var deviceWriteIops: [DeviceValue]?

    public init() {}
}

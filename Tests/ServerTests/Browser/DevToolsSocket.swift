import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// One WebSocket to Chromium's DevTools endpoint: JSON commands out, replies matched to them by `id`.
///
/// Chromium answers every command with the same `id`; events (no `id`) are not needed by these tests and
/// are dropped. A large reply (a screenshot) may arrive in continuation frames: they are joined first.
actor DevToolsSocket {
    private var nextID = 0
    private var waiting: [Int: CheckedContinuation<Data, any Error>] = [:]
    private let outgoing: AsyncStream<WebSocketFrame>.Continuation
    private var closed = false

    private init(outgoing: AsyncStream<WebSocketFrame>.Continuation) {
        self.outgoing = outgoing
    }

    enum UpgradeResult {
        case websocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)
        case refused
    }

    /// Connects to `ws://127.0.0.1:<port><path>` (Chromium checks the Host header: it must be loopback).
    static func connect(port: Int, path: String) async throws -> DevToolsSocket {
        let upgrade: EventLoopFuture<UpgradeResult> = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<UpgradeResult>(maxFrameSize: 1 << 26) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            .websocket(try NIOAsyncChannel(wrappingChannelSynchronously: channel))
                        }
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: "127.0.0.1:\(port)")
                    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<UpgradeResult>(
                        upgradeRequestHead: head, upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in channel.eventLoop.makeCompletedFuture { .refused } })
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: .init(upgradeConfiguration: configuration))
                }
            }
        guard case .websocket(let channel) = try await upgrade.get() else { throw BrowserError.devTools("upgrade refused") }
        let (frames, sink) = AsyncStream.makeStream(of: WebSocketFrame.self)
        let socket = DevToolsSocket(outgoing: sink)
        Task {
            do {
                try await channel.executeThenClose { inbound, outbound in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { for await frame in frames { try await outbound.write(frame) } }
                        var message = ByteBuffer()
                        for try await frame in inbound {
                            guard frame.opcode == .text || frame.opcode == .continuation else {
                                if frame.opcode == .connectionClose { break }
                                continue
                            }
                            var data = frame.unmaskedData
                            message.writeBuffer(&data)
                            guard frame.fin else { continue }
                            await socket.received(Data(message.readableBytesView))
                            message.clear()
                        }
                        sink.finish()
                        group.cancelAll()
                    }
                }
            } catch {}
            await socket.fail(BrowserError.devTools("the DevTools connection closed"))
        }
        return socket
    }

    /// Sends `method` with `params` (JSON of an object; to the page of `session`, if given) and returns the
    /// reply's `result` as JSON. JSON text crosses the actor boundary because `[String: Any]` is not Sendable.
    func send(_ method: String, params: Data, session: String?) async throws -> Data {
        guard !closed else { throw BrowserError.devTools("the DevTools connection is closed") }
        nextID += 1
        let id = nextID
        let parameters = try JSONSerialization.jsonObject(with: params)
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        let text = try JSONSerialization.data(withJSONObject: message)
        let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(bytes: text))
        return try await withCheckedThrowingContinuation { continuation in
            waiting[id] = continuation
            outgoing.yield(frame)
        }
    }

    private func received(_ data: Data) {
        guard let message = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let id = message["id"] as? Int, let continuation = waiting.removeValue(forKey: id) else { return }
        if let error = message["error"] as? [String: Any] {
            continuation.resume(throwing: BrowserError.devTools("\(error["message"] ?? error)"))
        } else {
            let result = message["result"] as? [String: Any] ?? [:]
            do { continuation.resume(returning: try JSONSerialization.data(withJSONObject: result)) } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    private func fail(_ error: BrowserError) {
        closed = true
        for continuation in waiting.values { continuation.resume(throwing: error) }
        waiting.removeAll()
    }

    func close() {
        outgoing.yield(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: ByteBuffer()))
        outgoing.finish()
    }
}

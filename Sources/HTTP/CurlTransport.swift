import CCurl
import FoundationEssentials

/// `HTTPTransport` on libcurl: unix sockets, TCP, HTTPS with mutual TLS.
///
/// Each transfer runs on a thread of its own, never on Swift's cooperative
/// pool (two threads on these machines; one blocked `curl_easy_perform` per
/// thread would stall every task) nor on a GCD global queue (its width is the
/// core count, so a long events stream would hold up other requests). Idle handles are pooled so connections are
/// reused. Cancelling the calling task aborts the transfer within a second.
public final class CurlTransport: HTTPTransport {
    /// Limits and pool size; the defaults suit a Docker engine on a LAN.
    public struct Options: Sendable {
        /// Time to establish the connection (and TLS handshake).
        public var connectTimeout: Duration
        /// Time for a whole buffered request when the request sets none.
        public var timeout: Duration
        /// Idle handles (and so open connections) kept for reuse.
        public var maxIdleConnections: Int

        public init(connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(60), maxIdleConnections: Int = 4) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxIdleConnections = maxIdleConnections
        }
    }

    public let endpoint: Endpoint
    public let options: Options
    private let pool: CurlHandlePool

    public init(endpoint: Endpoint, options: Options = Options()) {
        self.endpoint = endpoint
        self.options = options
        self.pool = CurlHandlePool(capacity: options.maxIdleConnections)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await run(request, mode: .buffered)
    }

    public func stream(_ request: HTTPRequest,
                       onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        try await run(request, mode: .lines(onLine))
    }

    /// Handles waiting for reuse; lets tests see that handles come back.
    public var idleConnections: Int { pool.idleCount }

    private func run(_ request: HTTPRequest, mode: CurlTransfer.Mode) async throws -> HTTPResponse {
        let transfer = CurlTransfer(mode: mode)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let failed = DetachedThread.start {
                    continuation.resume(with: Result { try self.perform(request, transfer) })
                }
                if failed != 0 {
                    continuation.resume(throwing: HTTPError(endpoint: self.endpoint, method: request.method, path: request.path,
                                                            kind: .setup, detail: "no thread for the transfer (error \(failed))",
                                                            call: "pthread_create"))
                }
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    /// Blocking: configures a pooled handle, runs the transfer, maps the outcome.
    private func perform(_ request: HTTPRequest, _ transfer: CurlTransfer) throws -> HTTPResponse {
        if transfer.isCancelled { throw CancellationError() }
        let handle: CurlHandle
        do { handle = try pool.take() } catch { throw setupError(request, error) }
        defer { pool.put(handle) }

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        do {
            try configure(handle, request, transfer, context: context)
            // An empty "Expect:" stops libcurl from waiting for "100 Continue" on larger bodies.
            for header in request.headers.fields + [("Expect", "")] {
                headerList = curl_slist_append(headerList, header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)")
            }
            try handle.set(headers: headerList)
        } catch {
            throw setupError(request, error)
        }

        let code = withExtendedLifetime(transfer) { handle.perform() }
        if code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.stoppedByConsumer) {
            return transfer.finish()
        }
        if code == CURLE_ABORTED_BY_CALLBACK && transfer.isCancelled { throw CancellationError() }
        throw failure(request, code, transfer.errorDetail)
    }

    private func configure(_ handle: CurlHandle, _ request: HTTPRequest, _ transfer: CurlTransfer,
                           context: UnsafeMutableRawPointer) throws(CurlCallError) {
        try handle.set(CURLOPT_URL, url(for: request.path), "CURLOPT_URL")
        switch endpoint.address {
        case .unixSocket(let path):
            try handle.set(CURLOPT_UNIX_SOCKET_PATH, path, "CURLOPT_UNIX_SOCKET_PATH")
        case .tcp:
            break
        }
        if let tls = endpoint.tls {
            if let ca = tls.ca { try handle.set(CURLOPT_CAINFO, ca, "CURLOPT_CAINFO") }
            if let cert = tls.cert { try handle.set(CURLOPT_SSLCERT, cert, "CURLOPT_SSLCERT") }
            if let key = tls.key { try handle.set(CURLOPT_SSLKEY, key, "CURLOPT_SSLKEY") }
        }
        try handle.set(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.connectTimeout), "CURLOPT_CONNECTTIMEOUT_MS")
        try handle.set(CURLOPT_TIMEOUT_MS, totalTimeoutMilliseconds(request, transfer), "CURLOPT_TIMEOUT_MS")
        // Pooled handles keep options: an unset limit must be reset, not inherited.
        try handle.set(CURLOPT_LOW_SPEED_LIMIT, request.lowSpeed?.bytes ?? 0, "CURLOPT_LOW_SPEED_LIMIT")
        try handle.set(CURLOPT_LOW_SPEED_TIME, request.lowSpeed.map { max(1, milliseconds($0.window) / 1000) } ?? 0,
                       "CURLOPT_LOW_SPEED_TIME")
        try handle.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(transfer.errorBuffer), "CURLOPT_ERRORBUFFER")
        try handle.set(CURLOPT_HEADERFUNCTION, callback: curlHeaderCallback, "CURLOPT_HEADERFUNCTION")
        try handle.set(CURLOPT_HEADERDATA, pointer: context, "CURLOPT_HEADERDATA")
        try handle.set(CURLOPT_WRITEFUNCTION, callback: curlWriteCallback, "CURLOPT_WRITEFUNCTION")
        try handle.set(CURLOPT_WRITEDATA, pointer: context, "CURLOPT_WRITEDATA")
        try handle.set(progress: curlProgressCallback)
        try handle.set(CURLOPT_XFERINFODATA, pointer: context, "CURLOPT_XFERINFODATA")
        try handle.set(CURLOPT_NOPROGRESS, 0, "CURLOPT_NOPROGRESS")
        try configureMethod(handle, request)
    }

    private func configureMethod(_ handle: CurlHandle, _ request: HTTPRequest) throws(CurlCallError) {
        let method = request.method.uppercased()
        if let body = request.body ?? (method == "POST" || method == "PUT" ? Data() : nil) {
            try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count), "CURLOPT_POSTFIELDSIZE_LARGE")
            // COPYPOSTFIELDS copies the bytes now, so the Data may go away before perform.
            var bytes = [UInt8](body)
            bytes.append(0)
            let code = bytes.withUnsafeMutableBytes {
                reconcile_curl_setopt_pointer(handle.raw, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
            }
            try curlCheck(code, "curl_easy_setopt(CURLOPT_COPYPOSTFIELDS)")
            if method != "POST" { try handle.set(CURLOPT_CUSTOMREQUEST, method, "CURLOPT_CUSTOMREQUEST") }
        } else if method == "HEAD" {
            try handle.set(CURLOPT_NOBODY, 1, "CURLOPT_NOBODY")
        } else if method != "GET" {
            try handle.set(CURLOPT_CUSTOMREQUEST, method, "CURLOPT_CUSTOMREQUEST")
        }
    }

    /// Streams without their own limit run until done or cancelled.
    private func totalTimeoutMilliseconds(_ request: HTTPRequest, _ transfer: CurlTransfer) -> Int {
        if let timeout = request.timeout { return milliseconds(timeout) }
        if case .lines = transfer.mode { return 0 }
        return milliseconds(options.timeout)
    }

    private func url(for path: String) -> String {
        let suffix = path.hasPrefix("/") ? path : "/" + path
        switch endpoint.address {
        case .unixSocket:
            return "http://localhost" + suffix
        case .tcp(let host, let port):
            let name = host.contains(":") ? "[\(host)]" : host
            return "\(endpoint.tls == nil ? "http" : "https")://\(name):\(port)\(suffix)"
        }
    }
}

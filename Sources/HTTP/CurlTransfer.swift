import Basics
import CCurl
import FoundationEssentials
import Synchronization

/// State of one request while libcurl runs it: the parsed status and headers,
/// the buffered body or the line splitter, and the cancel flag. libcurl's C
/// callbacks reach it through `Unmanaged`, since C callbacks capture nothing.
/// `@unchecked Sendable`: all fields but `cancelled` are touched only by the
/// thread running `curl_easy_perform`; `cancelled` is atomic.
final class CurlTransfer: @unchecked Sendable {
    /// Buffer the body, or split it into lines for a consumer.
    enum Mode {
        case buffered
        case lines(@Sendable (Data) -> StreamDecision)
    }

    let mode: Mode
    private(set) var status = 0
    private(set) var headers = HTTPHeaders()
    private(set) var body = Data()
    /// The consumer said `.stop`; the write error that follows is a clean end.
    private(set) var stoppedByConsumer = false
    private var pending: [UInt8] = []
    private let cancelled = Atomic<Bool>(false)
    /// libcurl writes its detailed message here (CURLOPT_ERRORBUFFER).
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(mode: Mode) {
        self.mode = mode
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit { errorBuffer.deallocate() }

    /// Asks the running transfer to abort at its next progress callback.
    func cancel() { cancelled.store(true, ordering: .relaxed) }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    var errorDetail: String { String(cString: errorBuffer) }

    /// The response, with a trailing partial line handed to the consumer.
    func finish() -> HTTPResponse {
        if case .lines(let onLine) = mode, !pending.isEmpty, isSuccess, !stoppedByConsumer {
            _ = onLine(Data(pending))
            pending.removeAll()
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private var isSuccess: Bool { (200..<300).contains(status) }

    /// One header line, CRLF included. A new status line (after `100 Continue`
    /// or a redirect) starts a fresh header set.
    func receiveHeader(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let raw = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) else { return }
        let line = raw.trimmingWhitespaceAndNewlines()
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers.add(name, value)
        }
    }

    /// Body bytes; returns false when the consumer wants no more.
    func receiveBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .lines(let onLine) = mode, isSuccess else {
            body.append(contentsOf: bytes)
            return true
        }
        var start = pending.count
        pending.append(contentsOf: bytes)
        var lineStart = 0
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            var end = newline
            if end > lineStart, pending[end - 1] == 0x0D { end -= 1 }
            let line = Data(pending[lineStart..<end])
            lineStart = newline + 1
            start = lineStart
            if onLine(line) == .stop {
                stoppedByConsumer = true
                pending.removeAll()
                return false
            }
        }
        pending.removeFirst(lineStart)
        return true
    }
}

/// CURLOPT_HEADERFUNCTION: one header line per call.
let curlHeaderCallback: reconcile_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        transfer.receiveHeader(UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

/// CURLOPT_WRITEFUNCTION: body bytes; returning 0 ends the transfer.
let curlWriteCallback: reconcile_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let keepGoing = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        transfer.receiveBody(UnsafeBufferPointer(start: $0, count: length))
    }
    return keepGoing ? length : 0
}

/// CURLOPT_XFERINFOFUNCTION: called at least once a second, even when idle,
/// so a cancelled Swift task ends a silent stream promptly.
let curlProgressCallback: reconcile_curl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.isCancelled ? 1 : 0
}

import CCurl

/// Owns one libcurl easy handle. A handle keeps its live connection between
/// transfers, which is why handles are pooled instead of made per request.
/// `@unchecked Sendable`: libcurl is thread-safe per handle only, and the pool
/// hands a handle to one transfer at a time, so no two threads use it at once.
final class CurlHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    /// `curl_global_init` must run once, before any handle, on any thread.
    private static let globalInit: CURLcode = curl_global_init(3) // CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32

    init() throws(CurlCallError) {
        try curlCheck(Self.globalInit, "curl_global_init")
        guard let raw = curl_easy_init() else {
            throw CurlCallError(call: "curl_easy_init", code: -1, message: "libcurl could not allocate a handle")
        }
        self.raw = raw
    }

    deinit { curl_easy_cleanup(raw) }

    /// Forgets the previous request's options but keeps the connection cache.
    func reset() { curl_easy_reset(raw) }

    func set(_ option: CURLoption, _ value: Int, _ name: String) throws(CurlCallError) {
        try curlCheck(reconcile_curl_setopt_long(raw, option, value), "curl_easy_setopt(\(name))")
    }

    func set(_ option: CURLoption, _ value: String, _ name: String) throws(CurlCallError) {
        // libcurl copies string options (since 7.17), so the temporary C string may go.
        let code = value.withCString { reconcile_curl_setopt_string(raw, option, $0) }
        try curlCheck(code, "curl_easy_setopt(\(name))")
    }

    func set(_ option: CURLoption, offset value: Int64, _ name: String) throws(CurlCallError) {
        try curlCheck(reconcile_curl_setopt_off(raw, option, curl_off_t(value)), "curl_easy_setopt(\(name))")
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?, _ name: String) throws(CurlCallError) {
        try curlCheck(reconcile_curl_setopt_pointer(raw, option, pointer), "curl_easy_setopt(\(name))")
    }

    func set(headers list: UnsafeMutablePointer<curl_slist>?) throws(CurlCallError) {
        try curlCheck(reconcile_curl_setopt_slist(raw, CURLOPT_HTTPHEADER, list), "curl_easy_setopt(CURLOPT_HTTPHEADER)")
    }

    func set(_ option: CURLoption, callback: reconcile_curl_data_callback, _ name: String) throws(CurlCallError) {
        try curlCheck(reconcile_curl_setopt_data_callback(raw, option, callback), "curl_easy_setopt(\(name))")
    }

    func set(progress callback: reconcile_curl_xferinfo_callback) throws(CurlCallError) {
        try curlCheck(reconcile_curl_setopt_xferinfo_callback(raw, callback), "curl_easy_setopt(CURLOPT_XFERINFOFUNCTION)")
    }

    /// Runs the transfer on the calling thread; blocks until it ends.
    func perform() -> CURLcode { curl_easy_perform(raw) }
}

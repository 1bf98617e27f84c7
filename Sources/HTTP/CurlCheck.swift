import CCurl

/// The one place a `CURLcode` is judged, so every failure names its call.
@inline(__always)
func curlCheck(_ code: CURLcode, _ call: @autoclosure () -> String) throws(CurlCallError) {
    guard code != CURLE_OK else { return }
    throw CurlCallError(call: call(), code: Int(code.rawValue), message: curlMessage(code))
}

/// libcurl's fixed text for a code, e.g. "Couldn't connect to server".
func curlMessage(_ code: CURLcode) -> String {
    guard let text = curl_easy_strerror(code) else { return "unknown error" }
    return String(cString: text)
}

/// Milliseconds in a `Duration`, rounded down, as libcurl's `long` options want.
func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
}

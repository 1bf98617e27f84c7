import CCurl

extension CurlTransport {
    /// Maps a failed `curl_easy_perform` to an `HTTPError` a person can act on.
    func failure(_ request: HTTPRequest, _ code: CURLcode, _ detail: String) -> HTTPError {
        let kind: HTTPError.Kind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT:
            let connecting = detail.lowercased().contains("connection timed out")
                || detail.lowercased().contains("connect") && !detail.lowercased().contains("operation")
            let stalled = detail.lowercased().contains("too slow")
            let limit = connecting ? options.connectTimeout
                : stalled ? (request.lowSpeed?.window ?? options.timeout) : (request.timeout ?? options.timeout)
            kind = .timedOut(milliseconds: Int64(milliseconds(limit)))
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE:
            kind = .tls
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            // With TLS 1.3 a rejected client certificate shows up on the first read: as an alert, or
            // (through a TCP forwarder) as the connection simply closing.
            kind = endpoint.tls != nil || detail.contains("SSL") || detail.contains("alert") ? .tls : .protocolFailure
        case CURLE_URL_MALFORMAT, CURLE_OUT_OF_MEMORY, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_UNKNOWN_OPTION:
            kind = .setup
        default:
            kind = .protocolFailure
        }
        return HTTPError(endpoint: endpoint, method: request.method, path: request.path, kind: kind,
                         detail: detail.isEmpty ? curlMessage(code) : detail,
                         call: "curl_easy_perform: CURLcode \(code.rawValue)")
    }

    /// Wraps a failed option or handle allocation, naming the call.
    func setupError(_ request: HTTPRequest, _ error: any Error) -> HTTPError {
        let call = (error as? CurlCallError)?.call ?? "curl setup"
        return HTTPError(endpoint: endpoint, method: request.method, path: request.path, kind: .setup,
                         detail: "\(error)", call: call)
    }
}

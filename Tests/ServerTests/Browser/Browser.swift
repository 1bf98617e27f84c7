import Foundation

/// Debian's Chromium, headless, driven over the DevTools protocol: one page per browser.
///
/// Chromium is told to use a proxy nobody listens on, so any request it makes beyond loopback (component updates,
/// safe browsing) fails instead of leaving the machine; pages on 127.0.0.1 bypass the proxy.
/// `@unchecked Sendable`: the `Process` is only started, then terminated once by `quit`.
final class Browser: @unchecked Sendable {
    static let executable = "/usr/bin/chromium"

    let process: Process
    let profile: URL
    let socket: DevToolsSocket
    let session: String

    private init(process: Process, profile: URL, socket: DevToolsSocket, session: String) {
        self.process = process
        self.profile = profile
        self.socket = socket
        self.session = session
    }

    static func launch(width: Int = 1280, height: Int = 900) async throws -> Browser {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw BrowserError.missing(executable) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--dns-prefetch-disable", "--no-pings",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1",
            "--remote-debugging-port=0", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
            "about:blank",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            let (port, path) = try await activePort(profile: profile, process: process)
            let socket = try await DevToolsSocket.connect(port: port, path: path)
            let target = try await Self.call(socket, "Target.createTarget", ["url": "about:blank"], session: nil)
            guard let targetID = target["targetId"] as? String else { throw BrowserError.devTools("no target id") }
            let attached = try await Self.call(socket, "Target.attachToTarget", ["targetId": targetID, "flatten": true],
                                               session: nil)
            guard let session = attached["sessionId"] as? String else { throw BrowserError.devTools("no session id") }
            let browser = Browser(process: process, profile: profile, socket: socket, session: session)
            try await browser.viewport(width: width, height: height)
            return browser
        } catch {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: profile)
            throw error
        }
    }

    /// Chromium writes the port it picked and the browser's WebSocket path to `DevToolsActivePort`.
    static func activePort(profile: URL, process: Process) async throws -> (Int, String) {
        let file = profile.appendingPathComponent("DevToolsActivePort")
        for _ in 0..<300 {
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                let lines = text.split(separator: "\n").map(String.init)
                if lines.count >= 2, let port = Int(lines[0]) { return (port, lines[1]) }
            }
            guard process.isRunning else { throw BrowserError.devTools("chromium exited with \(process.terminationStatus)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserError.devTools("chromium wrote no DevToolsActivePort within 30 s")
    }

    static func call(_ socket: DevToolsSocket, _ method: String, _ params: [String: Any], session: String?) async throws
        -> [String: Any] {
        let reply = try await socket.send(method, params: try JSONSerialization.data(withJSONObject: params), session: session)
        return try JSONSerialization.jsonObject(with: reply) as? [String: Any] ?? [:]
    }

    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: Any] {
        try await Self.call(socket, method, params, session: session)
    }

    func viewport(width: Int, height: Int) async throws {
        try await call("Emulation.setDeviceMetricsOverride",
                       ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600])
    }

    /// Loads `url` and waits until its document and scripts have loaded.
    func navigate(_ url: String) async throws {
        let result = try await call("Page.navigate", ["url": url])
        if let error = result["errorText"] as? String { throw BrowserError.devTools("\(url): \(error)") }
        try await waitUntil("document.readyState === 'complete'", what: "\(url) loaded")
    }

    /// The value of `expression` (awaited if it is a promise), as JSON gives it: strings, numbers, booleans, arrays.
    @discardableResult
    func evaluate(_ expression: String) async throws -> Any? {
        let result = try await call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            let thrown = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? exception
            throw BrowserError.script("\(thrown)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    func text(_ expression: String) async throws -> String {
        try await evaluate(expression) as? String ?? ""
    }

    /// Polls `condition` (a JS expression) until it is true; a wait, not a timing check: `seconds` only bounds a hang.
    func waitUntil(_ condition: String, what: String, seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await evaluate("Boolean(\(condition))") as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserError.timedOut(what)
    }

    func waitFor(_ selector: String, seconds: Double = 30) async throws {
        try await waitUntil("document.querySelector(\(Self.quoted(selector)))", what: selector, seconds: seconds)
    }

    /// A real click: the mouse is pressed and released at the middle of the element. A live page may replace the
    /// element between finding it and clicking (a re-render): the click is tried again until the element got it.
    func click(_ selector: String) async throws {
        for _ in 0..<5 {
            try await waitFor(selector)
            let box = try await evaluate("""
                (() => { const e = document.querySelector(\(Self.quoted(selector))); e.scrollIntoView({block: 'center'});
                         window.__clicked = false; e.addEventListener('click', () => { window.__clicked = true; }, {once: true});
                         const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()
                """) as? [Double] ?? []
            guard box.count == 2 else { throw BrowserError.script("\(selector) has no box") }
            for type in ["mousePressed", "mouseReleased"] {
                try await call("Input.dispatchMouseEvent",
                               ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
            }
            if try await evaluate("window.__clicked") as? Bool == true { return }
        }
        throw BrowserError.script("\(selector) never received the click (the page kept replacing it)")
    }

    /// Focuses `selector` and types `text` as keyboard input.
    func type(_ selector: String, _ text: String) async throws {
        try await click(selector)
        try await call("Input.insertText", ["text": text])
    }

    /// A PNG of the viewport, written to `file`.
    func screenshot(to file: URL) async throws {
        let result = try await call("Page.captureScreenshot", ["format": "png"])
        guard let base64 = result["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw BrowserError.devTools("no screenshot data")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    func quit() async {
        await socket.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

import Foundation
import Testing

/// The DevTools client itself, on a page with no daemon behind it: navigate, evaluate, click, type, screenshot.
@Suite(.serialized)
struct BrowserTests {
    @Test func drivesATrivialPage() async throws {
        let browser = try await Browser.launch()
        defer { Task { await browser.quit() } }
        let page = """
            <!doctype html><title>trivial</title><label>Name <input id="name"></label>
            <button id="go" onclick="document.getElementById('out').textContent = 'hello ' + document.getElementById('name').value">Go</button>
            <p id="out">waiting</p>
            """
        try await browser.navigate("data:text/html;charset=utf-8," + (page.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        #expect(try await browser.text("document.title") == "trivial")
        #expect(try await browser.text("document.getElementById('out').textContent") == "waiting")
        try await browser.type("#name", "cdp")
        try await browser.click("#go")
        try await browser.waitUntil("document.getElementById('out').textContent === 'hello cdp'", what: "the greeting")
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: shot) }
        try await browser.screenshot(to: shot)
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(png.count > 1000)
        await browser.quit()
    }
}

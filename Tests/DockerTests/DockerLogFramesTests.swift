import Foundation
@testable import Docker
import Testing

@Suite("Container log frames")
struct DockerLogFramesTests {
    static func frame(_ stream: UInt8, _ text: String) -> Data {
        let payload = Data(text.utf8)
        let n = UInt32(payload.count)
        return Data([stream, 0, 0, 0, UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]) + payload
    }

    @Test func multiplexedFramesJoinInOrder() {
        let body = Self.frame(1, "starting\n") + Self.frame(2, "warning: slow disk\n") + Self.frame(1, "ready\n")
        #expect(DockerLogFrames.text(from: body) == "starting\nwarning: slow disk\nready\n")
    }

    @Test func ttyOutputIsTakenAsIs() {
        #expect(DockerLogFrames.text(from: Data("plain tty output\n".utf8)) == "plain tty output\n")
    }

    @Test func truncatedFrameFallsBackToRawText() {
        let body = Self.frame(1, "complete\n") + Data([1, 0, 0, 0, 0, 0, 0, 99]) + Data("short".utf8)
        #expect(DockerLogFrames.frames(body) == nil)
    }
}

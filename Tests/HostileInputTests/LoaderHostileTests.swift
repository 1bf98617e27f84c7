import Foundation
import Spec
import Testing

/// Hostile repositories thrown at the loader: each ends in a clear, positioned error, in bounded time, without a
/// crash, and with no repository to apply (issue 17).
struct LoaderHostileTests {
    static let header = "x-reconcile: {hosts: [lab]}\nservices:\n"
    static let composeFile = "stacks/\(HostileRepo.stack)/compose.yaml"

    /// One case: what to write, the message expected, and the file it must be positioned in.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: String
        var file: String = LoaderHostileTests.composeFile
        var setup: @Sendable (HostileRepo) throws -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "alias bomb (nodes)", expected: "alias bomb") { repo in
            var text = header + "  web: {image: lab/app:1}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            for level in 1...9 { text += "x-a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
            try repo.compose(text)
        },
        Case(name: "alias bomb (bytes)", expected: "bytes of text") { repo in
            let big = String(repeating: "x", count: 200_000)
            try repo.compose(header + "  web: {image: lab/app:1}\nx-big: &big \"\(big)\"\nx-many: ["
                             + Array(repeating: "*big", count: 100).joined(separator: ", ") + "]\n")
        },
        Case(name: "deep flow nesting", expected: "nesting deeper") { repo in
            try repo.compose(header + "  web: {image: lab/app:1, command: " + String(repeating: "[", count: 50_000) + "}\n")
        },
        Case(name: "deep block nesting", expected: "nesting deeper") { repo in
            var text = header + "  web:\n    image: lab/app:1\n    labels:\n"
            for depth in 0..<200 { text += String(repeating: "  ", count: depth + 3) + "k\(depth):\n" }
            try repo.compose(text + String(repeating: "  ", count: 203) + "leaf\n")
        },
        Case(name: "huge scalar", expected: "limit") { repo in
            try repo.compose(header + "  web: {image: \"" + String(repeating: "a", count: 3 << 20) + "\"}\n")
        },
        Case(name: "invalid UTF-8", expected: "not UTF-8") { repo in
            try repo.compose(bytes: Data((header + "  web: {image: lab/app:").utf8) + Data([0xC3, 0x28, 0xFF]) + Data("}\n".utf8))
        },
        Case(name: "NUL byte", expected: "NUL byte") { repo in
            try repo.compose(bytes: Data((header + "  web: {image: lab/app").utf8) + Data([0]) + Data(":1}\n".utf8))
        },
        Case(name: "tab indentation", expected: "a tab: YAML indents with spaces") { repo in
            try repo.compose(header + "\tweb:\n\t\timage: lab/app:1\n")
        },
        Case(name: "duplicate keys", expected: "duplicate key `web`") { repo in
            try repo.compose(header + "  web: {image: lab/app:1}\n  web: {image: lab/app:2}\n")
        },
        Case(name: "nested interpolation", expected: "nested more than") { repo in
            let template = String(repeating: "${A:-", count: 5_000) + "x" + String(repeating: "}", count: 5_000)
            try repo.compose(header + "  web: {image: lab/app:1, environment: {V: \"\(template)\"}}\n")
        },
        Case(name: "env file with NUL", expected: "NUL byte", file: "stacks/\(HostileRepo.stack)/app.env") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/app.env", Data("A=1\nB=x".utf8) + Data([0]) + Data("y\n".utf8))
            try repo.compose(header + "  web: {image: lab/app:1, env_file: app.env}\n")
        },
        Case(name: "huge env file", expected: "larger than") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/app.env", "A=" + String(repeating: "v", count: 2 << 20) + "\n")
            try repo.compose(header + "  web: {image: lab/app:1, env_file: app.env}\n")
        },
        Case(name: ".env unterminated quote", expected: "unterminated double quote", file: "stacks/\(HostileRepo.stack)/.env") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/.env", "A=\"" + String(repeating: "line\n", count: 100_000))
            try repo.compose(header + "  web: {image: \"lab/app:${A}\"}\n")
        },
        Case(name: "source symlinked outside", expected: "outside the repository (through a symlink)") { repo in
            try repo.symlink("stacks/\(HostileRepo.stack)/conf", to: "/etc")
            try repo.mounting("conf")
        },
        Case(name: "symlink inside a folder to outside", expected: "is a symlink to /etc/passwd") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            try repo.symlink("stacks/\(HostileRepo.stack)/site/pw", to: "/etc/passwd")
            try repo.mounting("site")
        },
        Case(name: "relative symlink climbing out", expected: "outside the repository") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            try repo.symlink("stacks/\(HostileRepo.stack)/site/up", to: "../../../../..")
            try repo.mounting("site")
        },
        Case(name: "symlink chain out", expected: "outside the repository") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            try repo.symlink("stacks/\(HostileRepo.stack)/hop", to: "/root")
            try repo.symlink("stacks/\(HostileRepo.stack)/site/first", to: "../hop")
            try repo.mounting("site")
        },
        Case(name: "dangling symlink out", expected: "outside the repository") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            try repo.symlink("stacks/\(HostileRepo.stack)/site/later", to: "/nonexistent-\(UUID().uuidString)/key.pem")
            try repo.mounting("site")
        },
        Case(name: "FIFO in a shipped folder", expected: "a FIFO") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            #expect(mkfifo(repo.stackFolder.appendingPathComponent("site/pipe").path, 0o644) == 0)
            try repo.mounting("site")
        },
        Case(name: "socket in a shipped folder", expected: "a socket") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            try UnixSocketFile.make(at: repo.stackFolder.appendingPathComponent("site/s").path)
            try repo.mounting("site")
        },
        Case(name: "device symlinked as the source", expected: "resolves to /dev/null, outside the repository") { repo in
            try repo.symlink("stacks/\(HostileRepo.stack)/site", to: "/dev/null")
            try repo.mounting("site")
        },
        Case(name: "device node in a shipped folder", expected: "a character device") { repo in
            try repo.write("stacks/\(HostileRepo.stack)/site/index.html", "<p>hi</p>\n")
            // The lab runs as root; the same major/minor as /dev/null.
            #expect(mknod(repo.stackFolder.appendingPathComponent("site/null").path, S_IFCHR | 0o644, dev_t((1 << 8) | 3)) == 0)
            try repo.mounting("site")
        },
        Case(name: "compose file symlinked to a secret", expected: "outside the repository; it is not read") { repo in
            try repo.symlink("stacks/\(HostileRepo.stack)/compose.yaml", to: "/etc/shadow")
        },
        Case(name: "env file symlinked out", expected: "outside the repository; it is not read") { repo in
            try repo.symlink("stacks/\(HostileRepo.stack)/app.env", to: "/etc/hostname")
            try repo.compose(header + "  web: {image: lab/app:1, env_file: app.env}\n")
        },
        // Missing outside the repository, so not content; and as host data it would leave the stack folder.
        Case(name: "source escaping by ..", expected: "would leave the stack folder") { repo in
            try repo.mounting("../../../etc")
        },
    ]

    @Test(arguments: cases)
    func refusedWithAPositionedError(_ hostile: Case) throws {
        let repo = try HostileRepo()
        defer { repo.remove() }
        try hostile.setup(repo)
        let result = CaseMeter.measure(hostile.name) { repo.load() }
        // The hostile stack is held (or the whole checkout refused): nothing of it may be applied.
        #expect(result.repository?.stack(named: HostileRepo.stack) == nil, "nothing may be applied")
        #expect(result.repository == nil || result.repository?.heldStacks[HostileRepo.stack] != nil)
        let match = result.diagnostics.first { $0.severity == .error && $0.message.contains(hostile.expected) }
        #expect(match != nil, "expected “\(hostile.expected)”; got:\n\(result.renderedDiagnostics)")
        if let match {
            #expect(match.location.file == hostile.file, "\(match.rendered)")
        }
        // The rendered error never quotes a line of a file outside the repository.
        #expect(!result.renderedDiagnostics.contains("root:"), "\(result.renderedDiagnostics)")
    }
}

/// A listening unix socket left as a file, as a hostile checkout could hold one.
enum UnixSocketFile {
    static func make(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(107)) + [0]
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

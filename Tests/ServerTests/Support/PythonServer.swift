import Foundation

/// A python3 server the test starts on a loopback port it picks itself and prints on its first line.
enum PythonServer {
    /// Runs `python3 -c script arguments…` and returns the process and its port; call it off the cooperative
    /// pool (reading the port line blocks).
    static func launch(script: String, arguments: [String], name: String) throws -> (process: Process, port: Int) {
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardOutput = output
        // Not the test process's stderr: a child holding it open would keep `swift test` waiting for EOF.
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let b = byte.first, b != 10 { line.append(b) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw PostCatcher.CatcherError(description: "\(name) did not start")
        }
        return (process, port)
    }
}

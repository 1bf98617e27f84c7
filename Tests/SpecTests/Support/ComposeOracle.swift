import Foundation

/// Runs the real Compose v2 binary (`.tools/docker-compose`, fetched by `scripts/fetch-compose`) as the oracle.
enum ComposeOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root, found from this file's path (Tests/SpecTests/Support/ComposeOracle.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The oracle binary, running the fetch script once when it is missing; throws (the test fails) if it cannot.
    static func binary() throws -> URL {
        try fetched.get()
    }

    /// Computed once per test process so parallel test cases do not all run the fetch script.
    private static let fetched: Result<URL, Failure> = {
        let binary = packageRoot.appendingPathComponent(".tools/docker-compose")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return .success(binary) }
        let script = packageRoot.appendingPathComponent("scripts/fetch-compose")
        do {
            let (status, _, errorText) = try run(script, arguments: [], environment: ProcessInfo.processInfo.environment,
                                                 directory: packageRoot)
            guard status == 0, FileManager.default.isExecutableFile(atPath: binary.path) else {
                return .failure(Failure(description: "scripts/fetch-compose failed (\(status)): \(errorText)"))
            }
            return .success(binary)
        } catch {
            return .failure(Failure(description: "cannot run scripts/fetch-compose: \(error)"))
        }
    }()

    /// `docker-compose config --format json` in `directory` with exactly `environment`, parsed.
    static func config(directory: URL, environment: [String: String]) throws -> [String: Any] {
        let (status, output, errorText) = try run(try binary(), arguments: ["config", "--format", "json"],
                                                  environment: environment, directory: directory)
        guard status == 0 else { throw Failure(description: "docker-compose config failed: \(errorText)") }
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw Failure(description: "docker-compose printed no JSON object")
        }
        return object
    }

    /// `config` as the model is compared with it: `$$` undone, extensions dropped, an empty `ipam` left out.
    static func comparableConfig(directory: URL, environment: [String: String]) throws -> [String: Any] {
        var expected = JSONDiff.unescapeDollars(try config(directory: directory, environment: environment)) as? [String: Any] ?? [:]
        expected = expected.filter { !$0.key.hasPrefix("x-") }
        expected["networks"] = (expected["networks"] as? [String: Any])?.mapValues { network -> Any in
            guard var network = network as? [String: Any] else { return network }
            if (network["ipam"] as? [String: Any])?.isEmpty == true { network["ipam"] = nil }
            return network
        }
        return expected
    }

    private static func run(_ executable: URL, arguments: [String], environment: [String: String],
                            directory: URL) throws -> (Int32, Data, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, String(decoding: errorData, as: UTF8.self))
    }
}

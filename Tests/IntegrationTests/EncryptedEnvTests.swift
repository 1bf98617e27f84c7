import Controller
import Docker
import Foundation
import Testing

/// Issue 22 on the lab: an encrypted `.env` (made by `reconcile secrets encrypt`) and an `env_file` encrypted by the
/// real `age` CLI feed containers' environments; changing one secret recreates only its users; no plaintext
/// reaches the state directory, the output and logs, or the repository.
@Suite("Encrypted env files", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct EncryptedEnvTests {
    static let dbSecret = "db-pw-71c2-sealed-value"
    static let newDBSecret = "db-pw-9e04-rotated-value"
    static let apiSecret = "api-tok-3b8d-sealed-value"
    static let fileSecret = "conf-key-5a61-sealed-value"

    @Test func encryptedEnvFeedsContainersAndAChangedSecretRecreatesOnlyItsUsers() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let folder = "stacks/\(repo.stack("sealed"))"
        let keygen = try await repo.cli(["secrets", "keygen"])
        #expect(keygen.status == 0, "\(keygen.output)")
        let recipient = try #require(keygen.output.split(separator: "\n").first { $0.hasPrefix("public key: ") }?.dropFirst(12))

        try repo.write("\(folder)/.env", "DB_PASSWORD=\(Self.dbSecret)\n")
        let encrypt = try await repo.cli(["secrets", "encrypt", repo.root.appendingPathComponent("\(folder)/.env").path])
        #expect(encrypt.status == 0, "\(encrypt.output)")
        // What `reconcile secrets encrypt` wrote, the real age CLI opens.
        let byAge = try run("/usr/bin/age", ["-d", "-i", repo.state.appendingPathComponent("age.key").path,
                                             repo.root.appendingPathComponent("\(folder)/.env").path])
        #expect(byAge.output == "DB_PASSWORD=\(Self.dbSecret)\n")
        let sealedByAge = try run("/usr/bin/age", ["-a", "-r", String(recipient), "-o",
                                                    repo.root.appendingPathComponent("\(folder)/api.env").path,
                                                    "/dev/stdin"], stdin: "API_TOKEN=\(Self.apiSecret)\n")
        #expect(sealedByAge.status == 0, "\(sealedByAge.output)")
        // A mounted repo file and a `secrets:` file source, both encrypted in the repository.
        try repo.write("\(folder)/app.conf", "key = \(Self.fileSecret)\n")
        try repo.write("\(folder)/pw.txt", "\(Self.fileSecret)-pw\n")
        for file in ["app.conf", "pw.txt"] {
            let sealed = try await repo.cli(["secrets", "encrypt", repo.root.appendingPathComponent("\(folder)/\(file)").path])
            #expect(sealed.status == 0, "\(sealed.output)")
        }
        try repo.writeStack("sealed", """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 0s}
        services:
          db:
            image: lab/busybox:1
            command: ["sleep", "3600"]
            environment: {DB_PASSWORD: "${DB_PASSWORD}"}
          api:
            image: lab/busybox:1
            command: ["sleep", "3600"]
            env_file: api.env
          web:
            image: lab/busybox:1
            command: ["sleep", "3600"]
            volumes: ["./app.conf:/etc/app.conf:ro"]
            secrets: [pw]
        secrets:
          pw: {file: ./pw.txt}
        """)
        try repo.commit("sealed stack")
        #expect(try await repo.cli(["validate"]).status == 0)
        let first = try await repo.cli(["apply", "-v"])
        #expect(first.status == 0, "\(first.output)")

        let docker = try repo.docker("nas")
        let name = { (service: String) in "\(repo.stack("sealed"))-\(service)-1" }
        #expect(try await docker.inspectContainer(name("db")).config.env?.contains("DB_PASSWORD=\(Self.dbSecret)") == true)
        #expect(try await docker.inspectContainer(name("api")).config.env?.contains("API_TOKEN=\(Self.apiSecret)") == true)
        let before = try await repo.containers("sealed", on: "nas").mapValues(\.id)
        let socket = try repo.lab.value(repo.engine.socketKey)
        let shipped = try await runAsync("/bin/bash", ["-c", "docker -H unix://\(socket) exec \(name("web")) cat /etc/app.conf /run/secrets/pw"])
        #expect(shipped.output == "key = \(Self.fileSecret)\n\(Self.fileSecret)-pw\n", "\(shipped.output)")

        // Rotate one secret through `reconcile secrets edit` (the editor is a sed in place).
        let edit = try await repo.cli(["secrets", "edit", repo.root.appendingPathComponent("\(folder)/.env").path],
                                      environment: ["EDITOR": "sed -i s/\(Self.dbSecret)/\(Self.newDBSecret)/", "VISUAL": ""])
        #expect(edit.status == 0, "\(edit.output)")
        try repo.commit("rotate the database password")
        let plan = try await repo.cli(["plan"])
        #expect(plan.output.contains("secret DB_PASSWORD changed"), "\(plan.output)")
        let second = try await repo.cli(["apply", "-v"])
        #expect(second.status == 0, "\(second.output)")
        let after = try await repo.containers("sealed", on: "nas").mapValues(\.id)
        #expect(after[name("db")] != before[name("db")])
        #expect(after[name("api")] == before[name("api")])
        #expect(after[name("web")] == before[name("web")])
        #expect(try await docker.inspectContainer(name("db")).config.env?.contains("DB_PASSWORD=\(Self.newDBSecret)") == true)

        let history = try await repo.cli(["history", "show", "2"])
        #expect(history.output.contains("secret DB_PASSWORD changed"), "\(history.output)")
        let secrets = [Self.dbSecret, Self.newDBSecret, Self.apiSecret, Self.fileSecret]
        #expect(StateDirectoryScan.files(containing: secrets, under: repo.state) == [])
        for output in [first.output, second.output, plan.output, history.output, edit.output] {
            for secret in secrets { #expect(!output.contains(secret), "\(secret) printed") }
        }
        // Nor in the repository: the files there stay encrypted, and git holds only ciphertext.
        let grep = try run("/usr/bin/env", ["git", "-C", repo.root.path, "grep", "-c", "-e", Self.dbSecret, "-e",
                                            Self.newDBSecret, "-e", Self.apiSecret, "-e", Self.fileSecret, "HEAD~1", "HEAD"])
        #expect(grep.status == 1, "\(grep.output)")
    }

    /// A `.env` the key cannot open holds its stack as it runs, naming the file; the other stacks are applied
    /// (design invariants 3 and 5); once it opens again the next pass applies it.
    @Test func aFileTheKeyCannotOpenHoldsItsStackAndTheOthersGoOn() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        #expect(try await repo.cli(["secrets", "keygen"]).status == 0)
        let folder = "stacks/\(repo.stack("locked"))"
        let envPath = repo.root.appendingPathComponent("\(folder)/.env").path
        try repo.write("\(folder)/.env", "DB_PASSWORD=\(Self.dbSecret)\n")
        #expect(try await repo.cli(["secrets", "encrypt", envPath]).status == 0)
        try repo.writeStack("locked", "x-reconcile: {hosts: [nas], health: {min_ready: 0s}}\nservices:\n  db: {image: lab/busybox:1, command: [sleep, '3600'], environment: {P: \"${DB_PASSWORD}\"}}\n")
        try repo.writeStack("open", "x-reconcile: {hosts: [nas], health: {min_ready: 0s}}\nservices:\n  web: {image: lab/busybox:1, command: [sleep, '3600']}\n")
        try repo.commit("a plain stack and a sealed one")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        let open = try await repo.containers("open", on: "nas").mapValues(\.id)
        let locked = try await repo.containers("locked", on: "nas").mapValues(\.id)
        #expect(open.count == 1 && locked.count == 1)

        let stranger = try run("/usr/bin/age-keygen", [])
        let strangerRecipient = try #require(stranger.output.split(separator: "\n")
            .first { $0.contains("public key: ") }?.split(separator: " ").last)
        let sealed = try run("/usr/bin/age", ["-r", String(strangerRecipient), "-o", envPath, "/dev/stdin"],
                             stdin: "DB_PASSWORD=\(Self.newDBSecret)\n")
        #expect(sealed.status == 0, "\(sealed.output)")
        try repo.writeStack("open", "x-reconcile: {hosts: [nas], health: {min_ready: 0s}}\nservices:\n  web: {image: lab/busybox:1, command: [sleep, '7200']}\n")
        try repo.commit("a .env the key cannot open")
        let validate = try await repo.cli(["validate"])
        #expect(validate.status != 0)
        #expect(validate.output.contains("\(folder)/.env"), "\(validate.output)")
        #expect(validate.output.contains("no key at hand opens it"), "\(validate.output)")
        let apply = try await repo.cli(["apply"])
        #expect(apply.status != 0, "\(apply.output)")
        #expect(apply.output.contains("\(folder)/.env:1:1: error"), "\(apply.output)")
        #expect(apply.output.contains("\(repo.stack("locked")): held"), "\(apply.output)")
        #expect(try await repo.containers("open", on: "nas").mapValues(\.id) != open, "the other stack went on")
        let held = try await repo.containers("locked", on: "nas")
        #expect(held.mapValues(\.id) == locked, "nothing of the held stack was touched")
        #expect(held.values.allSatisfy { $0.state == "running" })

        // Sealed for this installation's key again: the next pass applies it.
        try repo.write("\(folder)/.env", "DB_PASSWORD=\(Self.newDBSecret)\n")
        #expect(try await repo.cli(["secrets", "encrypt", envPath]).status == 0)
        try repo.commit("sealed for our key")
        let fixed = try await repo.cli(["apply"])
        #expect(fixed.status == 0, "\(fixed.output)")
        #expect(try await repo.containers("locked", on: "nas").mapValues(\.id) != locked)
        for output in [first.output, apply.output, fixed.output, validate.output] {
            #expect(!output.contains(Self.dbSecret) && !output.contains(Self.newDBSecret))
        }
    }
}

/// `run` with text on stdin.
func run(_ program: String, _ args: [String], stdin: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = args
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

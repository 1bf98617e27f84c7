import Foundation
import Testing

/// The binary keeps GnuTLS (linked by Debian's libcurl, never used) from initialising itself: libgnutls must
/// bind its `_gnutls_global_init_skip` to the executable's definition, not its own weak one that says "init".
@Suite("Idle libraries")
struct IdleLibrariesTests {
    @Test func gnutlsBindsItsInitSwitchToTheExecutable() async throws {
        let binary = TestRepo.binary.path
        let run = try await runAsync(binary, ["--help"], environment: ["LD_DEBUG": "bindings"])
        #expect(run.status == 0, "\(run.output)")
        let bindings = run.output.split(separator: "\n").filter { $0.contains("`_gnutls_global_init_skip'") }
        #expect(!bindings.isEmpty, "libgnutls never looked the switch up; is it still linked?")
        for line in bindings {
            #expect(line.contains("libgnutls") && line.contains("to \(binary) "), "\(line)")
        }
    }
}

import Testing
@testable import Registry

/// `org.opencontainers.image.source` → the release page of a tag, for the forges that have one.
@Suite struct ReleaseNotesURLTests {
    @Test(arguments: [
        ("https://github.com/immich-app/immich", "v1.120.0", "https://github.com/immich-app/immich/releases/tag/v1.120.0"),
        ("https://github.com/org/app.git", "1.5.0", "https://github.com/org/app/releases/tag/1.5.0"),
        ("https://github.com/org/app/tree/main/server", "1.5.0", "https://github.com/org/app/releases/tag/1.5.0"),
        ("https://codeberg.org/forgejo/forgejo/", "v9.0.1", "https://codeberg.org/forgejo/forgejo/releases/tag/v9.0.1"),
        ("http://gitea.lan:3000/me/tool", "2.0.0-alpine", "http://gitea.lan:3000/me/tool/releases/tag/2.0.0-alpine"),
        ("https://gitlab.com/group/project", "16.4", "https://gitlab.com/group/project/-/releases/16.4"),
    ])
    func forgeSources(source: String, tag: String, expected: String) {
        #expect(ReleaseNotes.url(source: source, tag: tag) == expected)
    }

    @Test(arguments: ["https://github.com/org", "git@github.com:org/app.git", "ftp://host/org/app", "not a url", ""])
    func sourcesThatAreNoRepository(source: String) {
        #expect(ReleaseNotes.url(source: source, tag: "1.0.0") == nil)
    }

    @Test func aTagThatCouldEscapeThePathIsNotLinked() {
        #expect(ReleaseNotes.url(source: "https://github.com/org/app", tag: "../../evil") == nil)
        #expect(ReleaseNotes.url(source: "https://github.com/org/app", tag: "1.0?x=1") == nil)
    }
}

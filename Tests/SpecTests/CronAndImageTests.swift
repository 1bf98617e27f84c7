import Spec
import Testing

/// Cron schedules, window short forms and Docker image references.
struct CronAndImageTests {
    @Test func cronFields() throws {
        let cron = try CronParser.parse("*/15 9-17 1,15 jan-mar mon-fri")
        #expect(cron.minutes == [0, 15, 30, 45])
        #expect(cron.hours == Set(9...17))
        #expect(cron.daysOfMonth == [1, 15])
        #expect(cron.months == [1, 2, 3])
        #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(!cron.anyDayOfMonth && !cron.anyDayOfWeek)
        #expect(try CronParser.parse("0 0 * * 7").daysOfWeek == [0])
        #expect(try CronParser.parse("5/20 * * * *").minutes == [5, 25, 45])
    }

    @Test func cronMatchingUsesTheDayOrRule() throws {
        let both = try CronParser.parse("0 3 1 * mon")
        #expect(both.matches(minute: 0, hour: 3, day: 1, month: 6, weekday: 3))
        #expect(both.matches(minute: 0, hour: 3, day: 9, month: 6, weekday: 1))
        #expect(!both.matches(minute: 0, hour: 3, day: 9, month: 6, weekday: 2))
        let daily = try CronParser.parse("30 6 * * *")
        #expect(daily.matches(minute: 30, hour: 6, day: 9, month: 6, weekday: 2))
        #expect(!daily.matches(minute: 31, hour: 6, day: 9, month: 6, weekday: 2))
    }

    @Test(arguments: [
        ("* * * *", "has 4 fields"), ("60 * * * *", "minute `60` is out of range"), ("* 24 * * *", "hour `24`"),
        ("* * 0 * *", "day of month `0`"), ("* * * 13 *", "month `13`"), ("* * * * 8", "day of week `8`"),
        ("5-1 * * * *", "runs backwards"), ("*/0 * * * *", "bad step"), ("* * * * funday", "day of week `funday`"),
    ])
    func cronErrors(expression: String, message: String) {
        #expect { try CronParser.parse(expression) } throws: { error in
            (error as? CronParser.Failure)?.message.contains(message) == true
        }
    }

    @Test func shortFormWindows() throws {
        let (night, nightLength) = try CronParser.parseShortForm("22:30-06:15")
        #expect(night.expression == "30 22 * * *")
        #expect(nightLength == .seconds((7 * 60 + 45) * 60))
        let (office, officeLength) = try CronParser.parseShortForm("Mon-Fri 09:00-17:00")
        #expect(office.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(officeLength == .seconds(8 * 3600))
        #expect(throws: CronParser.Failure.self) { try CronParser.parseShortForm("9-17") }
        #expect(throws: CronParser.Failure.self) { try CronParser.parseShortForm("Funday 09:00-10:00") }
    }

    @Test(arguments: [
        ("nginx", "docker.io", "library/nginx", nil, nil),
        ("nginx:1.25-alpine", "docker.io", "library/nginx", "1.25-alpine", nil),
        ("ghcr.io/org/app:v1", "ghcr.io", "org/app", "v1", nil),
        ("localhost:5000/lab/busybox:1", "localhost:5000", "lab/busybox", "1", nil),
        ("127.0.0.1:5000/x", "127.0.0.1:5000", "x", nil, nil),
        ("user/repo_name__x.y-z", "docker.io", "user/repo_name__x.y-z", nil, nil),
        ("a@sha256:" + String(repeating: "0", count: 64), "docker.io", "library/a", nil, "sha256:" + String(repeating: "0", count: 64)),
    ] as [(String, String, String, String?, String?)])
    func imageReferences(text: String, domain: String, path: String, tag: String?, digest: String?) throws {
        let reference = try ImageReference.parse(text)
        #expect(reference.domain == domain)
        #expect(reference.path == path)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
    }

    @Test(arguments: ["", "Nginx", "nginx:", "nginx:-bad", "a//b", "a@sha256:abc", "repo/-x", "x:" + String(repeating: "t", count: 129)])
    func invalidImageReferences(text: String) {
        #expect(throws: ImageReference.Failure.self) { try ImageReference.parse(text) }
    }
}

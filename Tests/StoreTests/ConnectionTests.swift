import CSQLite
import Foundation
import Testing
@testable import Store

/// The thin SQLite layer: binding, reading back, statement checks, errors and transactions.
@Suite struct ConnectionTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try Connection(path: directory.appending("raw.sqlite").path)
        try connection.executeScript("""
            CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size REAL, body BLOB, note TEXT,
                                CHECK (size IS NULL OR size >= 0));
            """)
    }

    @Test(arguments: ["plain", "", "ünïcødé ✓ 🐳", "with\u{0}nul", String(repeating: "x", count: 100_000)])
    func textRoundTripsExactly(_ text: String) throws {
        try connection.execute("INSERT INTO items (name, note) VALUES ('a', ?)", [.text(text)])
        let stored = try connection.queryFirst("SELECT note, note IS NULL, length(CAST(note AS BLOB)) FROM items") {
            ($0.optionalString(at: 0), $0.int64(at: 1), $0.int64(at: 2))
        }
        #expect(stored?.0 == text)
        #expect(stored?.1 == 0, "an empty string must not be stored as NULL")
        #expect(stored?.2 == Int64(text.utf8.count))
    }

    @Test func integersRealsBlobsAndNullRoundTrip() throws {
        let blob = Data([0, 1, 2, 254, 255])
        try connection.execute("INSERT INTO items (id, name, size, body, note) VALUES (?, ?, ?, ?, ?)",
                               [.integer(Int64.max), .text("b"), .real(2.5), .blob(blob), .null])
        try connection.execute("INSERT INTO items (id, name, body) VALUES (?, ?, ?)",
                               [.integer(-7), .text("c"), .blob(Data())])
        let rows = try connection.query("SELECT id, size, body, note, body IS NULL FROM items ORDER BY id") {
            ($0.int64(at: 0), $0.double(at: 1), $0.data(at: 2), $0.optionalString(at: 3), $0.int64(at: 4))
        }
        #expect(rows.count == 2)
        #expect(rows[0].0 == -7 && rows[0].2.isEmpty && rows[0].4 == 0, "empty blob is a blob, not NULL")
        #expect(rows[1].0 == Int64.max && rows[1].1 == 2.5 && rows[1].2 == blob && rows[1].3 == nil)
        #expect(connection.lastInsertRowID == -7)
    }

    @Test func uniqueViolationCarriesCodesAndSQL() throws {
        let sql = "INSERT INTO items (name) VALUES (?)"
        try connection.execute(sql, [.text("dup")])
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute(sql, [.text("dup")])
        }
        #expect(error.code == SQLITE_CONSTRAINT)
        #expect(error.constraint == .unique)
        #expect(error.isConstraintViolation)
        #expect(error.sql == sql)
        #expect(error.message.contains("items.name"))
        #expect(error.description.contains(sql), "the description shows which statement failed")
    }

    @Test(arguments: [
        ("INSERT INTO items (name) VALUES (NULL)", SQLiteError.Constraint.notNull),
        ("INSERT INTO items (name, size) VALUES ('n', -1)", .check),
        ("INSERT INTO items (id, name) VALUES (1, 'p'), (1, 'q')", .primaryKey),
    ])
    func otherConstraintsReportTheirKind(sql: String, kind: SQLiteError.Constraint) throws {
        let error = try #require(throws: SQLiteError.self) { try connection.execute(sql) }
        #expect(error.code == SQLITE_CONSTRAINT)
        #expect(error.constraint == kind)
        #expect(error.extendedCode != error.code, "the extended code is kept")
        #expect(error.sql == sql)
    }

    @Test func syntaxErrorNamesTheStatement() throws {
        let error = try #require(throws: SQLiteError.self) { try connection.execute("SELEC 1") }
        #expect(error.code == SQLITE_ERROR)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
    }

    @Test func preparingTwoStatementsIsRefused() throws {
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute("DELETE FROM items; DROP TABLE items")
        }
        #expect(error.code == SQLITE_MISUSE)
        #expect(try connection.queryFirst("SELECT count(*) FROM sqlite_master WHERE name = 'items'") {
            $0.int64(at: 0)
        } == 1, "nothing of the refused text ran")
        try connection.execute("SELECT 1;  \n")
    }

    @Test func parameterCountMustMatch() throws {
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute("INSERT INTO items (name, note) VALUES (?, ?)", [.text("only one")])
        }
        #expect(error.code == SQLITE_RANGE)
        #expect(error.message.contains("2 parameters but 1"))
    }

    @Test func transactionCommitsOnSuccess() throws {
        let count = try connection.transaction { () throws -> Int in
            try connection.execute("INSERT INTO items (name) VALUES ('t1')")
            try connection.execute("INSERT INTO items (name) VALUES ('t2')")
            return connection.changes
        }
        #expect(count == 1)
        #expect(!connection.isInTransaction)
        #expect(try rowCount() == 2)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        try connection.execute("INSERT INTO items (name) VALUES ('kept')")
        #expect(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO items (name) VALUES ('lost')")
                try connection.execute("INSERT INTO items (name) VALUES ('kept')")
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try rowCount() == 1, "the first insert of the failed transaction was rolled back")
    }

    private func rowCount() throws -> Int64 {
        try connection.queryFirst("SELECT count(*) FROM items") { $0.int64(at: 0) } ?? -1
    }
}

import Foundation
import Testing
@testable import Store

/// `OperationOutcome` (issue 23): the words `operations.outcome` holds, read back as the case that wrote them.
@Suite struct OperationOutcomeTests {
    /// Every outcome this version can write: the fixed ones, and each settlement result both ways.
    static let everyOutcome: [OperationOutcome] = [.done, .rolledBack, .recoveredUnreadablePayload, .earlier("reverted")]
        + SettlementResult.allCases.map(OperationOutcome.settled) + SettlementResult.allCases.map(OperationOutcome.recovered)

    @Test(arguments: [
        (OperationOutcome.done, "done"),
        (.rolledBack, "rolled_back"),
        (.settled(.alreadyRemoved), "settled: already removed"),
        (.settled(.keptNewRemovedPrevious),
         "settled: completed (the new container is healthy; the previous one was removed)"),
        (.settled(.revertedWithData), "settled: reverted to the previous container and its data"),
        (.recovered(.removalCompleted), "recovered: settled: removal completed"),
        (.recovered(.removedNew), "recovered: settled: the new container was removed (nothing ran before)"),
        (.recoveredUnreadablePayload, "recovered: unreadable payload, nothing done"),
        (.earlier("recovered: completed"), "earlier: recovered: completed"),
    ])
    func spellingsAreTheWordsEarlierVersionsStored(outcome: OperationOutcome, text: String) throws {
        #expect(outcome.rawValue == text)
        #expect(OperationOutcome(rawValue: text) == outcome)
        #expect(String(decoding: try JSONEncoder().encode([outcome]), as: UTF8.self)
                == String(decoding: try JSONEncoder().encode([text]), as: UTF8.self))
    }

    @Test func everyOutcomeRoundTripsThroughTextAndJSON() throws {
        #expect(Set(Self.everyOutcome.map(\.rawValue)).count == Self.everyOutcome.count, "two outcomes share words")
        for outcome in Self.everyOutcome {
            #expect(OperationOutcome(rawValue: outcome.rawValue) == outcome)
            let decoded = try JSONDecoder().decode(OperationOutcome.self, from: try JSONEncoder().encode(outcome))
            #expect(decoded == outcome)
        }
    }

    @Test(arguments: ["", "Done", "reverted", "rolled-back", "settled: ", "settled: reverted", "recovered: done",
                      "recovered: completed", "recovered: settled: ", "earlier: ", " done"])
    func otherWordsAreNotGuessed(text: String) {
        #expect(OperationOutcome(rawValue: text) == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OperationOutcome.self, from: try JSONEncoder().encode(text))
        }
    }

    @Test func theStoreWritesTheWordsAndReadsTheCaseBack() async throws {
        let directory = try TemporaryDirectory()
        let store = try Store(path: directory.databaseURL)
        for outcome in Self.everyOutcome {
            let op = try await store.beginOperation(Samples.intent())
            try await store.finishOperation(op: op, outcome: outcome)
            #expect(try await store.operation(id: op)?.outcome == outcome)
            await #expect(throws: StoreError.operationAlreadyFinished(id: op, outcome: outcome)) {
                try await store.recordStep(op: op, step: .health)
            }
            let stored = try Connection(path: directory.databaseURL.path)
                .query("SELECT outcome FROM operations WHERE id = ?", [.integer(op)]) { $0.string(at: 0) }
            #expect(stored == [outcome.rawValue])
        }
        let error = StoreError.operationAlreadyFinished(id: 3, outcome: .recovered(.reverted))
        #expect(error.description.contains("with outcome 'recovered: settled: reverted to the previous container'"))
    }
}

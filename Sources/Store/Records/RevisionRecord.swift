import FoundationEssentials

/// A stored revision: one pass's change to one stack on one host, as the history shows it.
@dynamicMemberLookup
public struct RevisionRecord: Sendable, Codable, Equatable, Identifiable {
    /// The Store-assigned id; increases with every insert, so it orders revisions.
    public var id: Int64
    /// The recorded content (host, stack, outcome, actions, …), readable directly as
    /// `record.host` through dynamic member lookup.
    public var revision: NewRevision

    public init(id: Int64, revision: NewRevision) {
        self.id = id
        self.revision = revision
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<NewRevision, Value>) -> Value {
        revision[keyPath: keyPath]
    }
}

import Controller
import FoundationEssentials
import Logging
import Spec

/// One long-lived `Notifier` for a process, made from the `reconcile.yaml` of the first checkout that
/// has one (with `--git` the checkout appears only after the first fetch). Keeping one notifier keeps
/// its memory of failures already reported, so a failure repeated on every timer pass is sent once.
public actor NotifierSlot {
    private var notifier: Notifier?
    private let environment: [String: String]
    private let logger: Logger

    public init(environment: [String: String], logger: Logger) {
        self.environment = environment
        self.logger = logger
    }

    /// The notifier for `repository`, loading its configuration the first time; configuration
    /// errors are logged (with `file:line:col`) and those channels left out.
    public func notifier(for repository: URL?) -> Notifier? {
        if let notifier { return notifier }
        guard let repository else { return nil }
        let (config, diagnostics) = NotificationConfig.load(repository: repository, environment: environment)
        for diagnostic in diagnostics {
            logger.error("notification settings", metadata: ["diagnostic": .string(diagnostic.description)])
        }
        let made = Notifier(config: config, logger: logger)
        notifier = made
        return made
    }
}

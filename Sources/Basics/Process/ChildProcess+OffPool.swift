extension ChildProcess {
    /// Runs the program on a dispatch thread, never the cooperative pool; cancelling the task kills it.
    public func runOffPool(timeout: Duration?) async throws -> Result {
        let control = ChildProcessControl()
        return try await withTaskCancellationHandler {
            try await BlockingWork.run { () throws(ChildProcessError) -> Result in
                try run(timeout: timeout, control: control)
            }
        } onCancel: {
            control.cancel()
        }
    }
}

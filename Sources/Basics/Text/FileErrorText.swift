import FoundationEssentials
import Glibc

/// A file-system error in words a person acts on: the system's message for the underlying `errno`
/// ("Permission denied", "No such file or directory"), where full Foundation said
/// "The operation could not be completed. (NSCocoaErrorDomain error 256.)".
public enum FileErrorText {
    public static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return "\(error)"
    }
}

import Foundation

/// SIGINT and SIGTERM during a build: the handler only notes the signal (little else is safe in a
/// signal handler); the build sees it at its next file and stops, removes its staging folder and
/// releases the output's lock, then the process ends by that signal. A second signal ends the
/// process at once: the next build removes what it left.
public enum Interruption {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    /// Installs the handlers; call once, from the main thread, before the build starts. The
    /// signals are unblocked too: a parent (a job runner, a test harness) may have blocked them,
    /// and a blocked SIGTERM would let the build run on to its end.
    public static func catchTermination() {
        received = 0  // initialised here, not lazily inside the handler
        var signals = sigset_t()
        sigemptyset(&signals)
        for caught in [SIGINT, SIGTERM] {
            _ = signal(caught) { number in
                Interruption.received = number
                _ = signal(number, SIG_DFL)
            }
            sigaddset(&signals, caught)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// The signal received since `catchTermination`, if any.
    public static var receivedSignal: Int32? {
        received == 0 ? nil : Int32(received)
    }

    /// Ends the process by `number`, as if its default action had run, so that a shell or a job
    /// runner sees how it ended.
    public static func end(by number: Int32) -> Never {
        _ = signal(number, SIG_DFL)
        raise(number)
        exit(128 + number)
    }
}

package servmon.dashboard.policies;

/** Policies that were not saved, with the reason in the message (the engine's own, e.g. a malformed schedule). */
public class PolicyRejectedException extends RuntimeException {

    PolicyRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package servmon.dashboard.policies;

import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.base.ui.RefusedException;

/** Policies that were not saved, with the reason (the engine's own, e.g. a malformed schedule, in a sentence). */
public class PolicyRejectedException extends RefusedException {

    PolicyRejectedException(Reason reason, Throwable cause) {
        super(reason, cause);
    }
}

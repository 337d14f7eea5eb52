package servmon.dashboard.users;

import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.base.ui.RefusedException;

/** A change to a user that was refused, with the reason to show the person who asked for it. */
public class UserChangeRefusedException extends RefusedException {

    UserChangeRefusedException(Reason reason) {
        super(reason, null);
    }
}

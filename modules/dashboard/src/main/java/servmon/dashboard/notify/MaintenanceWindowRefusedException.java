package servmon.dashboard.notify;

import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.base.ui.RefusedException;

/** A maintenance window that was not added, with the reason to show the admin who asked for it. */
public class MaintenanceWindowRefusedException extends RefusedException {

    MaintenanceWindowRefusedException(Reason reason) {
        super(reason, null);
    }
}

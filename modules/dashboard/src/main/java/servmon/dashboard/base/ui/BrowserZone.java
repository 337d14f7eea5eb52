package servmon.dashboard.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The browser's time zone, so that times read as the user's clock; UTC until the browser has told us. */
public final class BrowserZone {

    private BrowserZone() {
    }

    public static ZoneId of(UI ui) {
        try {
            ExtendedClientDetails details = ui.getPage().getExtendedClientDetails();
            if (details != null && details.getTimeZoneId() != null && !details.getTimeZoneId().isBlank()) {
                return ZoneId.of(details.getTimeZoneId());
            }
        } catch (DateTimeException | IllegalStateException e) {
            // an unknown zone id or no client details (e.g. browserless tests): fall back to UTC
        }
        return ZoneOffset.UTC;
    }
}

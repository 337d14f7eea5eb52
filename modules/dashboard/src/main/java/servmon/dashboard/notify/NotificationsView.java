package servmon.dashboard.notify;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Formats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts, for admins: the rules and channels in force (from servmon.notify.*), the maintenance windows that hold
 * alerts back (added and removed here), and the log of what was sent, newest first.
 */
@Route("notifications")
@PageTitle("Notifications · servmon")
@RolesAllowed("ADMIN")
class NotificationsView extends Main {

    static final String TIME_FORMAT = "yyyy-MM-dd HH:mm";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(TIME_FORMAT);

    /** How many rows of the log the page shows. */
    static final int LOG_ROWS = 200;

    private final NotificationLog sent;
    private final MaintenanceWindows maintenance;
    private final AuthenticationContext authentication;
    private final TextField server = new TextField("Server");
    private final TextField group = new TextField("or group");
    private final TextField starts = new TextField("Starts");
    private final TextField ends = new TextField("Ends");
    private final TextField reason = new TextField("Reason");
    private final Button add = new Button("Add window");
    private final Grid<MaintenanceWindows.Window> windows = new Grid<>();
    private final Grid<NotificationLog.Entry> log = new Grid<>();

    NotificationsView(NotifyProperties properties, NotificationLog sent, MaintenanceWindows maintenance,
                      AuthenticationContext authentication) {
        this.sent = sent;
        this.maintenance = maintenance;
        this.authentication = authentication;
        addClassName("notifications-view");

        UnorderedList rules = new UnorderedList(describe(properties).stream().map(ListItem::new).toArray(ListItem[]::new));
        rules.setId("notify-rules");

        server.setId("window-server");
        server.setHelperText("a server's name");
        group.setId("window-group");
        group.setHelperText("every server of this group");
        // plain text in the browser's time zone, e.g. 2026-12-01 14:00 (the committed front-end bundle has no
        // date-time picker, and adding one means rebuilding it)
        starts.setId("window-starts");
        starts.setPlaceholder(TIME_FORMAT);
        starts.setHelperText(TIME_FORMAT + ", your time zone");
        ends.setId("window-ends");
        ends.setPlaceholder(TIME_FORMAT);
        reason.setId("window-reason");
        reason.setMaxLength(MaintenanceWindows.MAX_REASON);
        add.setId("add-window");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> addWindow());
        HorizontalLayout form = new HorizontalLayout(server, group, starts, ends, reason, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        windows.setId("maintenance-windows");
        windows.addColumn(MaintenanceWindows.Window::target).setHeader("For").setAutoWidth(true).setFlexGrow(0);
        windows.addColumn(w -> time(w.startsAt())).setHeader("Starts").setAutoWidth(true).setFlexGrow(0);
        windows.addColumn(w -> time(w.endsAt())).setHeader("Ends").setAutoWidth(true).setFlexGrow(0);
        windows.addColumn(MaintenanceWindows.Window::reason).setHeader("Reason").setFlexGrow(1);
        windows.addColumn(MaintenanceWindows.Window::createdBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        windows.addComponentColumn(w -> {
            Button remove = new Button("Remove", click -> {
                maintenance.remove(w.id());
                windows.setItems(maintenance.current());
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            return remove;
        }).setAutoWidth(true).setFlexGrow(0);
        windows.setAllRowsVisible(true);

        log.setId("notification-log");
        log.addColumn(e -> time(e.raisedAt())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::rule).setHeader("Rule").setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::serverName).setHeader("Server").setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::channel).setHeader("Channel").setAutoWidth(true).setFlexGrow(0);
        log.addColumn(e -> e.outcome().name()).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::attempts).setHeader("Attempts").setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::detail).setHeader("Detail").setFlexGrow(1);

        add(new H2("Notifications"), new H3("Rules and channels"), rules,
                new H3("Maintenance windows"),
                new Paragraph("While a window is open, no alert about its server (or any server of its group) is sent."),
                form, windows, new H3("Sent"), log);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        LocalDateTime now = LocalDateTime.now(zone()).truncatedTo(ChronoUnit.MINUTES);
        starts.setValue(TIME.format(now));
        ends.setValue(TIME.format(now.plusHours(1)));
        windows.setItems(maintenance.current());
        log.setItems(sent.recent(LOG_ROWS));
    }

    private void addWindow() {
        ZoneId zone = zone();
        try {
            maintenance.add(server.getValue(), group.getValue(), instant("Starts", starts.getValue(), zone),
                    instant("Ends", ends.getValue(), zone), reason.getValue(),
                    authentication.getPrincipalName().orElseThrow());
            reason.setInvalid(false);
            server.clear();
            group.clear();
            reason.clear();
            windows.setItems(maintenance.current());
        } catch (IllegalArgumentException e) {
            reason.setErrorMessage(e.getMessage());
            reason.setInvalid(true);
        }
    }

    /** The settings in force, one sentence each. */
    static List<String> describe(NotifyProperties properties) {
        List<String> lines = new ArrayList<>();
        if (!properties.enabled()) {
            lines.add("Notifications are switched off (servmon.notify.enabled=false).");
        }
        NotifyProperties.Rules rules = properties.rules();
        if (rules.offFor() != null) {
            lines.add("A server OFF for " + rules.offFor().toSeconds() + " s (a server put to sleep is never OFF).");
        }
        if (rules.wakeTimedOut()) {
            lines.add("A wake that timed out.");
        }
        if (rules.cpuOver() != null) {
            lines.add("CPU above " + rules.cpuOver().above() + " % for " + rules.cpuOver().lastingFor().toSeconds()
                    + " s.");
        }
        if (rules.powerOver() != null) {
            lines.add("Power above " + rules.powerOver().above() + " W for "
                    + rules.powerOver().lastingFor().toSeconds() + " s.");
        }
        if (rules.keyConflict()) {
            lines.add("Two agents reporting with one server's key.");
        }
        for (NotifyProperties.Webhook webhook : properties.webhooks()) {
            lines.add("Sent to webhook " + webhook.name() + " (" + webhook.url().getHost() + ").");
        }
        if (!properties.email().to().isEmpty()) {
            lines.add("E-mailed to " + String.join(", ", properties.email().to()) + ".");
        }
        if (properties.webhooks().isEmpty() && properties.email().to().isEmpty()) {
            lines.add("No channel is set (servmon.notify.webhooks, servmon.notify.email.to): alerts go nowhere.");
        }
        return lines;
    }

    private String time(Instant instant) {
        return instant == null ? "" : Formats.dateTime(instant, zone());
    }

    private ZoneId zone() {
        return BrowserZone.of(UI.getCurrent() != null ? UI.getCurrent() : getUI().orElseThrow());
    }

    private static Instant instant(String field, String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text.strip(), TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is a time such as 2026-12-01 14:00 (got \"" + text + "\")");
        }
    }
}

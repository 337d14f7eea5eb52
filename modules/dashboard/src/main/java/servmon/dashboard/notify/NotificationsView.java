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
import com.vaadin.flow.router.HasDynamicTitle;
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
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Alerts, for admins: the rules and channels in force (from servmon.notify.*), the maintenance windows that hold
 * alerts back (added and removed here), and the log of what was sent, newest first.
 */
@Route("notifications")
@RolesAllowed("ADMIN")
class NotificationsView extends Main implements HasDynamicTitle {

    static final String TIME_FORMAT = "yyyy-MM-dd HH:mm";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(TIME_FORMAT);

    /** How many rows of the log the page shows. */
    static final int LOG_ROWS = 200;

    private final NotificationLog sent;
    private final MaintenanceWindows maintenance;
    private final AuthenticationContext authentication;
    private final TextField server = new TextField(getTranslation("notifications.window.server"));
    private final TextField group = new TextField(getTranslation("notifications.window.group"));
    private final TextField starts = new TextField(getTranslation("notifications.window.starts"));
    private final TextField ends = new TextField(getTranslation("notifications.window.ends"));
    private final TextField reason = new TextField(getTranslation("notifications.window.reason"));
    private final Button add = new Button(getTranslation("notifications.window.add"));
    private final Grid<MaintenanceWindows.Window> windows = new Grid<>();
    private final Grid<NotificationLog.Entry> log = new Grid<>();

    NotificationsView(NotifyProperties properties, NotificationLog sent, MaintenanceWindows maintenance,
                      AuthenticationContext authentication) {
        this.sent = sent;
        this.maintenance = maintenance;
        this.authentication = authentication;
        addClassName("notifications-view");

        UnorderedList rules = new UnorderedList(describe(properties, this::getTranslation).stream()
                .map(ListItem::new).toArray(ListItem[]::new));
        rules.setId("notify-rules");

        server.setId("window-server");
        server.setHelperText(getTranslation("notifications.window.server.help"));
        group.setId("window-group");
        group.setHelperText(getTranslation("notifications.window.group.help"));
        // plain text in the browser's time zone, e.g. 2026-12-01 14:00 (the committed front-end bundle has no
        // date-time picker, and adding one means rebuilding it)
        starts.setId("window-starts");
        starts.setPlaceholder(TIME_FORMAT);
        starts.setHelperText(getTranslation("notifications.window.starts.help", TIME_FORMAT));
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
        windows.addColumn(w -> w.serverName() != null ? w.serverName()
                : getTranslation("notifications.window.for-group", w.group())).setHeader(getTranslation("notifications.column.for")).setAutoWidth(true).setFlexGrow(0);
        windows.addColumn(w -> time(w.startsAt())).setHeader(getTranslation("notifications.window.starts")).setAutoWidth(true).setFlexGrow(0);
        windows.addColumn(w -> time(w.endsAt())).setHeader(getTranslation("notifications.window.ends")).setAutoWidth(true).setFlexGrow(0);
        windows.addColumn(MaintenanceWindows.Window::reason).setHeader(getTranslation("notifications.window.reason")).setFlexGrow(1);
        windows.addColumn(MaintenanceWindows.Window::createdBy).setHeader(getTranslation("notifications.column.by")).setAutoWidth(true).setFlexGrow(0);
        windows.addComponentColumn(w -> {
            Button remove = new Button(getTranslation("notifications.window.remove"), click -> {
                maintenance.remove(w.id());
                windows.setItems(maintenance.current());
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            return remove;
        }).setAutoWidth(true).setFlexGrow(0);
        windows.setAllRowsVisible(true);

        log.setId("notification-log");
        log.addColumn(e -> time(e.raisedAt())).setHeader(getTranslation("notifications.column.time")).setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::rule).setHeader(getTranslation("notifications.column.rule")).setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::serverName).setHeader(getTranslation("notifications.column.server")).setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::channel).setHeader(getTranslation("notifications.column.channel")).setAutoWidth(true).setFlexGrow(0);
        log.addColumn(e -> getTranslation(outcomeKey(e.outcome()))).setHeader(getTranslation("notifications.column.outcome")).setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::attempts).setHeader(getTranslation("notifications.column.attempts")).setAutoWidth(true).setFlexGrow(0);
        log.addColumn(NotificationLog.Entry::detail).setHeader(getTranslation("notifications.column.detail")).setFlexGrow(1);

        add(new H2(getTranslation("notifications.heading")), new H3(getTranslation("notifications.rules")), rules,
                new H3(getTranslation("notifications.windows")), new Paragraph(getTranslation("notifications.windows.intro")),
                form, windows, new H3(getTranslation("notifications.sent")), log);
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
            maintenance.add(server.getValue(), group.getValue(), instant(starts, zone), instant(ends, zone),
                    reason.getValue(),
                    authentication.getPrincipalName().orElseThrow());
            reason.setInvalid(false);
            server.clear();
            group.clear();
            reason.clear();
            windows.setItems(maintenance.current());
        } catch (MaintenanceWindowRefusedException e) {
            refuse(e.reason().translated());
        } catch (IllegalArgumentException e) {  // a time that cannot be read, said in the page's language already
            refuse(e.getMessage());
        }
    }

    private void refuse(String why) {
        reason.setErrorMessage(why);
        reason.setInvalid(true);
    }

    /** The settings in force, one sentence each, in the words {@code text} gives a key and its arguments. */
    static List<String> describe(NotifyProperties properties, BiFunction<String, Object[], String> text) {
        List<String> lines = new ArrayList<>();
        if (!properties.enabled()) {
            lines.add(text.apply("notifications.rule.off-switch", new Object[0]));
        }
        NotifyProperties.Rules rules = properties.rules();
        if (rules.offFor() != null) {
            lines.add(text.apply("notifications.rule.off-for", new Object[] {rules.offFor().toSeconds()}));
        }
        if (rules.wakeTimedOut()) {
            lines.add(text.apply("notifications.rule.wake-timed-out", new Object[0]));
        }
        if (rules.cpuOver() != null) {
            lines.add(text.apply("notifications.rule.cpu-over",
                    new Object[] {rules.cpuOver().above(), rules.cpuOver().lastingFor().toSeconds()}));
        }
        if (rules.powerOver() != null) {
            lines.add(text.apply("notifications.rule.power-over",
                    new Object[] {rules.powerOver().above(), rules.powerOver().lastingFor().toSeconds()}));
        }
        if (rules.keyConflict()) {
            lines.add(text.apply("notifications.rule.key-conflict", new Object[0]));
        }
        for (NotifyProperties.Webhook webhook : properties.webhooks()) {
            lines.add(text.apply("notifications.channel.webhook",
                    new Object[] {webhook.name(), webhook.url().getHost()}));
        }
        if (!properties.email().to().isEmpty()) {
            lines.add(text.apply("notifications.channel.email",
                    new Object[] {String.join(", ", properties.email().to())}));
        }
        if (properties.webhooks().isEmpty() && properties.email().to().isEmpty()) {
            lines.add(text.apply("notifications.channel.none", new Object[0]));
        }
        return lines;
    }

    private static String outcomeKey(NotificationLog.Outcome outcome) {
        return "notifications.outcome." + outcome.name().toLowerCase(Locale.ROOT);
    }

    private String time(Instant instant) {
        return instant == null ? "" : Formats.dateTime(instant, zone());
    }

    private ZoneId zone() {
        return BrowserZone.of(UI.getCurrent() != null ? UI.getCurrent() : getUI().orElseThrow());
    }

    private Instant instant(TextField field, ZoneId zone) {
        String text = field.getValue();
        try {
            return LocalDateTime.parse(text.strip(), TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(getTranslation("notifications.window.bad-time", field.getLabel(), text));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("notifications.title");
    }
}

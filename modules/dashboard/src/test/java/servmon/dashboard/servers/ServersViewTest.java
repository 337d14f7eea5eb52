package servmon.dashboard.servers;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.energy.EnergyHeader;
import servmon.dashboard.energy.EnergyText;
import servmon.dashboard.energy.FleetEnergy;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.ServerState;
import servmon.events.Topics;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.WakeCommand;
import servmon.store.server.ServerRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@WithMockUser(username = "admin", roles = "ADMIN")
class ServersViewTest extends DashboardTestSupport {

    private static final int ACTIONS_COLUMN = 7;

    @Autowired
    ServerRegistry registry;
    @Autowired
    ServerRepository servers;
    @Autowired
    FleetEnergy energy;
    @Autowired
    FleetFeed feed;

    /** Opens the main page on the fleet as it is now (the feed reads it again, as its next read would). */
    private ServersView open() {
        feed.refresh();
        return navigate(ServersView.class);
    }

    /** Opens the main page searching for a name: the tests share one database, and many servers, with many pages. */
    private ServersView open(String search) {
        ServersView view = open();
        test(find(TextField.class).withId("server-search").single()).setValue(search);
        return view;
    }

    /** The feed's next read, and the push of what it changed to the open page. */
    private void nextFeedRead() {
        feed.refresh();
        roundTrip();
    }

    @Test
    void a_registered_server_that_never_reported_shows_empty() {
        RegisteredServer server = registry.register(uniqueName("quiet"), null);

        open(server.name());

        ServerTile tile = tile(server.id());
        assertThat(tile.stateText()).isEqualTo("Empty");
        assertThat(tile.hasClassName("state-empty")).isTrue();
        assertThat(tile.cpuText()).isEqualTo("–");
        assertThat(row(server.id()).state()).isEqualTo(ServerState.EMPTY);
    }

    @Test
    void a_server_whose_status_is_off_shows_off_on_a_red_tile() {
        RegisteredServer server = registry.register(uniqueName("gone"), null);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(server.id(), at.minusSeconds(60), 12.0, 40.0, 1);
        setState(server.id(), "OFF", at);

        open(server.name());

        ServerTile tile = tile(server.id());
        assertThat(tile.stateText()).isEqualTo("OFF");
        assertThat(tile.hasClassName("state-off")).isTrue();
        assertThat(row(server.id()).state()).isEqualTo(ServerState.OFF);
    }

    @Test
    void a_server_that_reports_shows_its_cpu_power_and_users_and_the_page_follows_new_reports() {
        RegisteredServer server = registry.register(uniqueName("busy"), null);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(server.id(), at, 42.0, 61.4, 3);
        open(server.name());

        ServerTile tile = tile(server.id());
        assertThat(tile.stateText()).isEqualTo("ON");
        assertThat(tile.cpuText()).isEqualTo("42%");
        assertThat(tile.powerText()).isEqualTo("61 W est.");

        addSample(server.id(), at.plusSeconds(8), 87.0, 90.0, 3);
        nextFeedRead();

        assertThat(tile(server.id()).cpuText()).isEqualTo("87%");
        assertThat(tile(server.id()).cpuHigh()).as("87% is high").isTrue();
        assertThat(tile(server.id()).hasClassName("state-off")).as("high CPU is not red").isFalse();
        assertThat(row(server.id()).cpuPct()).isEqualTo(87.0);
    }

    @Test
    void the_fleet_header_shows_watts_now_kwh_used_today_and_kwh_saved_today_and_this_month() {
        RegisteredServer server = registry.register(uniqueName("drawing"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(server.id(), now, 20.0, 180.0, 0);
        addEnergyMinute(server.id(), now.truncatedTo(ChronoUnit.MINUTES), 90.0, 0.0);

        open();
        EnergyHeader header = energy.header(ZoneOffset.UTC);  // browserless: the browser's zone is unknown, UTC

        assertThat(header.wattsNow()).isGreaterThanOrEqualTo(180.0);
        assertThat(energyFigure("energy-watts-now")).isEqualTo(EnergyText.watts(header.wattsNow(),
                header.estimatedWNow()));
        assertThat(energyFigure("energy-used-today")).isEqualTo(EnergyText.kWh(header.usedToday()));
        assertThat(energyFigure("energy-saved-today")).isEqualTo(EnergyText.kWh(header.savedToday()));
        assertThat(energyFigure("energy-saved-month")).isEqualTo(EnergyText.kWh(header.savedThisMonth()));

        addSample(server.id(), now.plusSeconds(8), 20.0, 1180.0, 0);
        nextFeedRead();

        EnergyHeader later = energy.header(ZoneOffset.UTC);
        assertThat(later.wattsNow() - header.wattsNow()).isCloseTo(1000.0, within(1e-6));
        assertThat(energyFigure("energy-watts-now")).isEqualTo(EnergyText.watts(later.wattsNow(),
                later.estimatedWNow()));
    }

    private String energyFigure(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    @Test
    void delete_asks_with_keep_as_the_default_answer_then_removes_the_server_and_publishes_a_tombstone() {
        RegisteredServer server = registry.register(uniqueName("doomed"), null);
        open(server.name());

        action(server.id(), "remove");
        assertThat(servers.findById(server.id())).as("nothing happens before answering").isPresent();
        test(find(ConfirmDialog.class).single()).confirm();  // the default button: "Keep it"
        assertThat(servers.findById(server.id())).as("kept").isPresent();

        action(server.id(), "remove");
        test(find(ConfirmDialog.class).last()).reject();  // "Delete"

        assertThat(servers.findById(server.id())).isEmpty();
        assertThat(find(ServerTile.class).withCondition(t -> t.serverId() == server.id()).exists()).isFalse();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = TopicRecords.all(Topics.SERVERS.name())
                    .stream().filter(r -> server.serverId().value().equals(r.key())).toList();
            assertThat(records).hasSize(2);
            assertThat(records.getLast().value()).as("tombstone").isNull();
        });
    }

    @Test
    void wake_publishes_a_wake_command_for_the_server() {
        RegisteredServer server = registry.register(uniqueName("sleepy"), "02:00:00:00:10:01");
        open(server.name());

        assertThat(wakeable(server.id())).isTrue();
        action(server.id(), "wake");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConsumerRecord<String, byte[]> record = TopicRecords.all(Topics.WAKE_COMMANDS.name())
                    .stream().filter(r -> server.serverId().value().equals(r.key())).findFirst().orElseThrow();
            WakeCommand command = EventCodec.decode(record.value(), WakeCommand.class);
            assertThat(command.serverId()).isEqualTo(server.serverId());
            assertThat(command.requestedBy()).isEqualTo("admin");
            assertThat(command.reason()).isEqualTo("dashboard");
        });
    }

    @Test
    void sleep_asks_for_confirmation_then_publishes_a_suspend_command() {
        RegisteredServer server = registry.register(uniqueName("tired"), null);
        open(server.name());

        action(server.id(), "sleep");
        test(find(ConfirmDialog.class).single()).cancel();
        action(server.id(), "sleep");
        test(find(ConfirmDialog.class).last()).confirm();

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.all(Topics.SLEEP_COMMANDS.name())
                .stream().filter(r -> server.serverId().value().equals(r.key())).toList();
        assertThat(records).as("only the confirmed click").hasSize(1);
        SleepCommand command = decodeSleep(records.getFirst().value());
        assertThat(command.mode()).isEqualTo(SleepMode.SUSPEND);
        assertThat(command.force()).isFalse();
        assertThat(command.requestedBy()).isEqualTo("admin");
    }

    private static SleepCommand decodeSleep(byte[] value) {
        try {
            return EventCodec.decode(value, SleepCommand.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ServerTile tile(long serverId) {
        return find(ServerTile.class).withCondition(t -> t.serverId() == serverId).single();
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<FleetServer>, FleetServer> grid() {
        return test(find(Grid.class).single());
    }

    private int rowIndex(long serverId) {
        GridTester<Grid<FleetServer>, FleetServer> grid = grid();
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).id() == serverId) {
                return i;
            }
        }
        throw new AssertionError("server " + serverId + " is not in the list");
    }

    private FleetServer row(long serverId) {
        return grid().getRow(rowIndex(serverId));
    }

    /** Clicks one of the row's buttons (wake, sleep, history, remove). */
    private void action(long serverId, String button) {
        grid().invokeLitRendererFunction(rowIndex(serverId), ACTIONS_COLUMN, button);
    }

    private boolean wakeable(long serverId) {
        return grid().getLitRendererPropertyValue(rowIndex(serverId), ACTIONS_COLUMN, "wakeable", Boolean.class);
    }
}

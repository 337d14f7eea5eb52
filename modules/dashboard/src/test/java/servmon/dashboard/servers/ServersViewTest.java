package servmon.dashboard.servers;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.TopicRecords;
import servmon.dashboard.energy.EnergyHeader;
import servmon.dashboard.energy.EnergyText;
import servmon.dashboard.energy.FleetEnergy;
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

    private static final int ACTIONS_COLUMN = 6;

    @Autowired
    ServerRegistry registry;
    @Autowired
    ServerRepository servers;
    @Autowired
    FleetEnergy energy;

    @Test
    void a_registered_server_that_never_reported_shows_empty() {
        RegisteredServer server = registry.register(uniqueName("quiet"), null);

        navigate(ServersView.class);

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

        navigate(ServersView.class);

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
        ServersView view = navigate(ServersView.class);

        ServerTile tile = tile(server.id());
        assertThat(tile.stateText()).isEqualTo("ON");
        assertThat(tile.cpuText()).isEqualTo("42%");
        assertThat(tile.powerText()).isEqualTo("61 W est.");

        addSample(server.id(), at.plusSeconds(8), 87.0, 90.0, 3);
        view.refresh();  // what the poll does every refresh interval

        assertThat(tile(server.id()).cpuText()).isEqualTo("87%");
        assertThat(row(server.id()).cpuPct()).isEqualTo(87.0);
    }

    @Test
    void the_fleet_header_shows_watts_now_kwh_used_today_and_kwh_saved_today_and_this_month() {
        RegisteredServer server = registry.register(uniqueName("drawing"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        addSample(server.id(), now, 20.0, 180.0, 0);
        addEnergyMinute(server.id(), now.truncatedTo(ChronoUnit.MINUTES), 90.0, 0.0);

        ServersView view = navigate(ServersView.class);
        EnergyHeader header = energy.header(ZoneOffset.UTC);  // browserless: the browser's zone is unknown, UTC

        assertThat(header.wattsNow()).isGreaterThanOrEqualTo(180.0);
        assertThat(energyFigure("energy-watts-now")).isEqualTo(EnergyText.watts(header.wattsNow(),
                header.estimatedWNow()));
        assertThat(energyFigure("energy-used-today")).isEqualTo(EnergyText.kWh(header.usedToday()));
        assertThat(energyFigure("energy-saved-today")).isEqualTo(EnergyText.kWh(header.savedToday()));
        assertThat(energyFigure("energy-saved-month")).isEqualTo(EnergyText.kWh(header.savedThisMonth()));

        addSample(server.id(), now.plusSeconds(8), 20.0, 1180.0, 0);
        view.refresh();  // what the poll does every refresh interval

        EnergyHeader later = energy.header(ZoneOffset.UTC);
        assertThat(later.wattsNow() - header.wattsNow()).isCloseTo(1000.0, within(1e-6));
        assertThat(energyFigure("energy-watts-now")).isEqualTo(EnergyText.watts(later.wattsNow(),
                later.estimatedWNow()));
    }

    private String energyFigure(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    @Test
    void delete_asks_for_confirmation_then_removes_the_server_and_publishes_a_tombstone() {
        RegisteredServer server = registry.register(uniqueName("doomed"), null);
        navigate(ServersView.class);

        test(actionButton(server.id(), "Delete")).click();
        assertThat(servers.findById(server.id())).as("nothing happens before confirming").isPresent();
        test(find(ConfirmDialog.class).single()).confirm();

        assertThat(servers.findById(server.id())).isEmpty();
        assertThat(find(ServerTile.class).withCondition(t -> t.serverId() == server.id()).exists()).isFalse();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(bootstrapServers(), Topics.SERVERS)
                    .stream().filter(r -> server.serverId().value().equals(r.key())).toList();
            assertThat(records).hasSize(2);
            assertThat(records.getLast().value()).as("tombstone").isNull();
        });
    }

    @Test
    void wake_publishes_a_wake_command_for_the_server() {
        RegisteredServer server = registry.register(uniqueName("sleepy"), null);
        navigate(ServersView.class);

        test(actionButton(server.id(), "Wake")).click();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConsumerRecord<String, byte[]> record = TopicRecords.read(bootstrapServers(), Topics.WAKE_COMMANDS)
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
        navigate(ServersView.class);

        test(actionButton(server.id(), "Sleep")).click();
        test(find(ConfirmDialog.class).single()).cancel();
        test(actionButton(server.id(), "Sleep")).click();
        test(find(ConfirmDialog.class).single()).confirm();

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(bootstrapServers(), Topics.SLEEP_COMMANDS)
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
    private GridTester<Grid<ServerSummary>, ServerSummary> grid() {
        return test(find(Grid.class).single());
    }

    private int rowIndex(long serverId) {
        GridTester<Grid<ServerSummary>, ServerSummary> grid = grid();
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).id() == serverId) {
                return i;
            }
        }
        throw new AssertionError("server " + serverId + " is not in the list");
    }

    private ServerSummary row(long serverId) {
        return grid().getRow(rowIndex(serverId));
    }

    private Button actionButton(long serverId, String text) {
        Component actions = grid().getCellComponent(rowIndex(serverId), ACTIONS_COLUMN);
        return find(Button.class, actions).withText(text).single();
    }
}

package servmon.dashboard.servers;

import com.vaadin.flow.shared.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import servmon.dashboard.DashboardTestSupport;
import servmon.events.ServerState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shared feed on its own schedule, against the real database: what it hands its subscribers. */
class FleetFeedTest extends DashboardTestSupport {

    @Autowired
    ServerRegistry registry;
    @Autowired
    FleetFeed feed;

    @Test
    void a_status_written_by_the_ingestor_reaches_subscribers_by_itself_and_alone() {
        RegisteredServer server = registry.register(uniqueName("fed"), null);
        // a server that does not change, so that "only what changed" can be told from "everything", also when this
        // test runs alone on an empty database
        registry.register(uniqueName("bystander"), null);
        feed.refresh();
        List<FleetChange> changes = new CopyOnWriteArrayList<>();
        Registration subscription = subscribe(changes);
        try {
            addSample(server.id(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 33.0, 70.0, 2);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(changes).anySatisfy(change -> {
                FleetServer seen = change.changed().get(server.id());
                assertThat(seen).isNotNull();
                assertThat(seen.state()).isEqualTo(ServerState.ON);
                assertThat(seen.cpuPct()).isEqualTo(33.0);
                assertThat(change.moved()).as("EMPTY to ON: its place in a sorted list changes").contains(server.id());
            }));
            assertThat(changes).as("only what changed, not the whole fleet each time")
                    .allSatisfy(change -> assertThat(change.changed().size()).isLessThan(change.snapshot().size()));
        } finally {
            subscription.remove();
        }
        assertThat(feed.snapshot().servers().get(server.id()).cpuPct()).isEqualTo(33.0);
    }

    @Test
    void a_removed_server_is_handed_on_as_removed() {
        RegisteredServer server = registry.register(uniqueName("leaving"), null);
        feed.refresh();
        List<FleetChange> changes = new CopyOnWriteArrayList<>();
        Registration subscription = subscribe(changes);
        try {
            jdbc.update("delete from server where id = ?", server.id());  // as another dashboard instance would

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(changes).anySatisfy(change -> assertThat(change.removed()).contains(server.id())));
        } finally {
            subscription.remove();
        }
        assertThat(feed.snapshot().servers()).doesNotContainKey(server.id());
    }

    private Registration subscribe(List<FleetChange> into) {
        return feed.subscribe(into::add);
    }
}

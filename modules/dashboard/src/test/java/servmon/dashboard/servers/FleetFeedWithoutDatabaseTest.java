package servmon.dashboard.servers;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed when the database has been down since the start: the pages get an empty fleet, the preview none. */
class FleetFeedWithoutDatabaseTest {

    @Test
    void a_feed_that_never_read_the_database_gives_an_empty_fleet_and_no_last_read_until_it_can_read() {
        AtomicBoolean down = new AtomicBoolean(true);
        FleetFeed feed = new FleetFeed(new FleetReads(null) {
            @Override
            List<FleetServer> all() {
                if (down.get()) {
                    throw new DataAccessResourceFailureException("Communications link failure");
                }
                return List.of();
            }

            @Override
            int count() {
                return 0;
            }
        }, new FleetFeedProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));

        assertThat(feed.snapshot()).as("the main page still opens, with the database banner").isSameAs(FleetSnapshot.EMPTY);
        assertThat(feed.lastRead()).as("no preview of a fleet never read").isEmpty();

        down.set(false);
        feed.refresh();

        assertThat(feed.lastRead()).isPresent();
    }
}

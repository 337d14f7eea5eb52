package servmon.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import servmon.events.ServerId;
import servmon.agent.spool.ReportSpool;
import servmon.agent.spool.SpoolRecord;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.PowerSource;
import servmon.events.ServerKey;
import servmon.events.ServmonEvent;
import servmon.events.Topics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent through broker outages and its own restarts, against a real broker that the test stops and starts again.
 * The producer gives up on a report after 6 s here instead of 10 minutes, so that an outage of half a minute takes the
 * same path as a long one in production: reports the producer gave up on are sent again from the spool.
 */
class AgentSpoolKafkaTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(120);
    /** Shorter than the outages below; delivery.timeout.ms must cover linger.ms + request.timeout.ms. */
    private static final Map<String, String> QUICK_GIVE_UP =
            Map.of("delivery.timeout.ms", "6000", "request.timeout.ms", "3000");

    @TempDir
    static Path brokerDir;
    @TempDir
    Path dir;
    /** One for the class (a broker takes seconds to start): each test has its own key, and leaves it running. */
    private static RestartableBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = RestartableBroker.start(brokerDir);
    }

    @AfterEach
    void leaveBrokerRunning() {
        if (!broker.isRunning()) {
            broker.restart();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void an_outage_longer_than_the_producer_waits_loses_nothing_and_keeps_the_order() throws Exception {
        ServerKey key = ServerKey.random();
        AgentConfig config = config(key);
        try (Agent agent = Agent.start(config)) {
            try (TopicReader<MetricReport> metrics = reader()) {
                metrics.awaitEvents(ServerId.of(key), reports -> reports.size() >= 3);
            }
            assertThat(segments(config.spoolDir())).as("Kafka up: nothing on disk").isEmpty();

            broker.stop();
            await().atMost(LONG).until(() -> agent.spooledReports() >= 20);  // 20 s at 1 s, over three give-ups
            assertThat(segments(config.spoolDir())).isNotEmpty();
            broker.restart();

            try (TopicReader<MetricReport> metrics = reader()) {
                List<Long> seqs = await().pollInSameThread().atMost(LONG).until(
                        () -> seqs(metrics.eventsFor(ServerId.of(key))),
                        seen -> seen.size() >= 26 && agent.spooledReports() == 0);
                assertThat(seqs).as("every report, once, in order").containsExactlyElementsOf(range(0, seqs.size()));
            }
            await().atMost(LONG).until(() -> segments(config.spoolDir()).isEmpty());
        }
    }

    @Test
    void reports_spooled_before_a_restart_are_sent_by_the_next_run_before_its_own() throws Exception {
        ServerKey key = ServerKey.random();
        AgentConfig config = config(key);
        long beforeOutage;
        try (Agent first = Agent.start(config)) {
            try (TopicReader<MetricReport> metrics = reader()) {
                beforeOutage = metrics.awaitEvents(ServerId.of(key), reports -> reports.size() >= 3).size();
            }
            broker.stop();
            await().atMost(LONG).until(() -> first.spooledReports() >= 5);
        }
        long spooledBytes = bytes(config.spoolDir());
        try (Agent second = Agent.start(config)) {
            // the second run spools behind what the first left, while Kafka is still away
            await().atMost(LONG).until(() -> bytes(config.spoolDir()) > spooledBytes + 1_000);
            broker.restart();

            try (TopicReader<MetricReport> metrics = reader()) {
                List<Long> seqs = await().pollInSameThread().atMost(LONG).until(
                        () -> seqs(metrics.eventsFor(ServerId.of(key))),
                        seen -> runs(seen).size() == 2 && runs(seen).get(1).size() >= 5
                                && second.spooledReports() == 0);
                List<List<Long>> runs = runs(seqs);
                assertThat(runs.get(0)).as("the first run's reports, all of them, in order")
                        .hasSizeGreaterThan((int) beforeOutage + 4)
                        .containsExactlyElementsOf(range(0, runs.get(0).size()));
                assertThat(runs.get(1)).as("then the second run's, from its first")
                        .containsExactlyElementsOf(range(0, runs.get(1).size()));
            }
        }
    }

    @Test
    void a_record_torn_when_the_last_run_was_killed_is_skipped_and_the_rest_are_sent() throws Exception {
        ServerKey key = ServerKey.random();
        AgentConfig config = config(key);
        // what a run killed while writing its third report leaves behind
        try (ReportSpool spool = ReportSpool.open(config.spoolDir(), config.spool().maxBytes())) {
            for (long seq = 0; seq < 3; seq++) {
                spool.append(new SpoolRecord(seq, ServerId.of(key).value(), EventCodec.encode(report(key, seq))));
            }
        }
        Path last = segments(config.spoolDir()).getLast();
        try (FileChannel file = FileChannel.open(last, StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 10);
        }

        try (Agent agent = Agent.start(config); TopicReader<MetricReport> metrics = reader()) {
            List<Long> seqs = metrics.awaitEvents(ServerId.of(key), reports -> reports.size() >= 5).stream()
                    .map(MetricReport::seq).toList();
            assertThat(seqs.subList(0, 5)).containsExactly(0L, 1L, 0L, 1L, 2L);
        }
    }

    private AgentConfig config(ServerKey key) {
        return AgentConfig.of(broker.bootstrapServers(), key, ONE_SECOND, dir.resolve("agent.key"))
                .withKafkaProperties(QUICK_GIVE_UP);
    }

    private TopicReader<MetricReport> reader() {
        return new TopicReader<>(broker.bootstrapServers(), Topics.METRICS, MetricReport.class);
    }

    static MetricReport report(ServerKey key, long seq) {
        return new MetricReport(ServmonEvent.VERSION, ServerId.of(key), Instant.now(), seq, 1, "boot", "host", 12.5,
                10.0,
                PowerSource.ESTIMATE, 0, null, null, null, null, null, null, null, null, null, List.of());
    }

    private static List<Long> seqs(List<MetricReport> reports) {
        return reports.stream().map(MetricReport::seq).toList();
    }

    /** The sequence split where it starts again from 0: one list per agent run. */
    private static List<List<Long>> runs(List<Long> seqs) {
        List<List<Long>> runs = new ArrayList<>();
        for (long seq : seqs) {
            if (seq == 0 || runs.isEmpty()) {
                runs.add(new ArrayList<>());
            }
            runs.getLast().add(seq);
        }
        return runs;
    }

    static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }

    static List<Path> segments(Path spoolDir) throws IOException {
        if (!Files.isDirectory(spoolDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    private static long bytes(Path spoolDir) throws IOException {
        long total = 0;
        for (Path segment : segments(spoolDir)) {
            total += Files.size(segment);
        }
        return total;
    }
}

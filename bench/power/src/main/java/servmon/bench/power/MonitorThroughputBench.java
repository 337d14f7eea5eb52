package servmon.bench.power;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import servmon.embedded.EmbeddedKafkaBroker;
import servmon.events.EventCodec;
import servmon.events.MetricReport;
import servmon.events.NetInterface;
import servmon.events.PowerSource;
import servmon.events.RecordSignature;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.statemonitor.StateMonitorApplication;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The state monitor alone on a broker of its own: N registered servers each report once a second (a realistic report
 * with one interface) for a while; prints, every 5 s, how far the monitor's committed input is behind the reports
 * topic, then how long it takes to catch up and how much CPU its stream threads spent per report. Whether the monitor
 * keeps up with a fleet is the question: a monitor behind its input confirms wakes and judges silence late.
 */
@Command(name = "monitor-throughput", mixinStandardHelpOptions = true,
        description = "State monitor throughput: N servers reporting every second, the monitor's lag and CPU per report.")
public final class MonitorThroughputBench implements Callable<Integer> {

    private static final String MONITOR_GROUP = "servmon-state-monitor";

    @Option(names = "--servers", defaultValue = "10000", description = "servers, each reporting once a second")
    int servers;

    @Option(names = "--seconds", defaultValue = "60", description = "how long the fleet reports")
    int seconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MonitorThroughputBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("servmon-monitor-bench");
        try (var broker = EmbeddedKafkaBroker.start(home.resolve("kafka"), freePort(), freePort());
             ConfigurableApplicationContext monitor = StateMonitorApplication.builder().run(
                     "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                     "--spring.kafka.streams.state-dir=" + home.resolve("streams"),
                     "--server.port=0");
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 20,
                     ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                     new StringSerializer(), new ByteArraySerializer());
             var admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<ServerKey> fleet = IntStream.range(0, servers).mapToObj(i -> ServerKey.random()).toList();
            for (int i = 0; i < fleet.size(); i++) {
                ServerKey key = fleet.get(i);
                producer.send(new ProducerRecord<>(Topics.SERVERS.name(), ServerId.of(key).value(), EventCodec.encode(
                        new ServerRegistered(ServmonEvent.VERSION, ServerId.of(key), i + 1, "bench-" + i, mac(i),
                                Instant.now(), null, SigningSecret.of(key)))));
            }
            producer.flush();
            awaitAtLeast(admin, Topics.SERVER_STATE.name(), servers, Duration.ofMinutes(5));
            BenchConditions.awaitQuietMachine("the monitor's run");
            System.out.printf(Locale.ROOT, "%,d servers registered and EMPTY; now each reports once a second for %d s"
                    + " | %s%n", servers, seconds, BenchConditions.conditions());

            long cpuBefore = streamThreadsCpuNanos();
            long sent = 0;
            long maxLag = 0;
            long start = System.nanoTime();
            for (int second = 0; second < seconds; second++) {
                for (int i = 0; i < servers; i++) {
                    // spread over the second, as agents' clocks are
                    long due = start + TimeUnit.SECONDS.toNanos(second) + TimeUnit.SECONDS.toNanos(1) * i / servers;
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    ServerKey key = fleet.get(i);
                    // as the agent sends it: keyed by the public id, signed with the secret of the key
                    var record = new ProducerRecord<>(Topics.METRICS.name(), ServerId.of(key).value(),
                            EventCodec.encode(report(ServerId.of(key), i, second)));
                    RecordSignature.sign(SigningSecret.of(key), record.topic(), record.key(), record.value(),
                            record.headers());
                    producer.send(record);
                    sent++;
                }
                if (second % 5 == 4) {
                    long lag = lag(admin);
                    maxLag = Math.max(maxLag, lag);
                    System.out.printf(Locale.ROOT, "t=%3d s  sent %,9d  monitor behind by %,8d reports (%.1f s of"
                            + " the fleet)  loadavg %s%n", second + 1, sent, lag, lag / (double) servers,
                            BenchConditions.loadavg());
                }
            }
            producer.flush();
            long offeredNanos = System.nanoTime() - start;
            long drainStart = System.nanoTime();
            long lag;
            while ((lag = lag(admin)) > 0 && System.nanoTime() - drainStart < TimeUnit.MINUTES.toNanos(10)) {
                Thread.sleep(200);
            }
            long drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
            long cpuNanos = streamThreadsCpuNanos() - cpuBefore;
            System.out.printf(Locale.ROOT, "RESULT servers=%d offered=%,.0f reports/s for %d s: max lag %,d reports"
                            + " (%.1f s of the fleet); caught up %,d ms after the last report%s; stream threads' CPU"
                            + " %.1f us per report (%.0f %% of one core at this rate) | %s%n",
                    servers, sent / (offeredNanos / 1e9), seconds, maxLag, maxLag / (double) servers, drainMs,
                    lag > 0 ? " (NOT caught up: " + lag + " left)" : "", cpuNanos / 1e3 / sent,
                    100.0 * cpuNanos / offeredNanos, BenchConditions.conditions());
            monitor.close();
        } finally {
            FileSystemUtils.deleteRecursively(home);
        }
        return 0;
    }

    private static MetricReport report(ServerId key, int index, int seq) {
        String mac = mac(index);
        return new MetricReport(ServmonEvent.VERSION, key, Instant.now(), (long) seq, 1, "boot-" + index,
                "bench-" + index, 20.0 + index % 50, 120.0, PowerSource.ESTIMATE, 1, 4_000_000_000L, 16_000_000_000L,
                0.5, 40_000_000_000L, 500_000_000_000L, 1_000L, 2_000L, 45.0, 3_600L + seq,
                List.of(new NetInterface("eth0", mac, "192.0.2." + (index % 250 + 1), "192.0.2.255", true)));
    }

    private static String mac(int index) {
        return String.format(Locale.ROOT, "02:00:00:%02x:%02x:%02x", (index >> 16) & 0xff, (index >> 8) & 0xff,
                index & 0xff);
    }

    /** Reports on the topic that the monitor has not committed yet (it commits every 100 ms, exactly once). */
    private static long lag(Admin admin) throws Exception {
        return lag(admin, Topics.METRICS.name());
    }

    private static long lag(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(MONITOR_GROUP)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, Topics.PARTITIONS)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static void awaitAtLeast(Admin admin, String topic, long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, Topics.PARTITIONS)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        while (true) {
            long count = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            // transactional: each commit adds a marker per partition, so the end offsets count a little more
            if (count >= records && lag(admin, Topics.SERVERS.name()) == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the monitor published " + count + " of " + records + " states");
            }
            Thread.sleep(500);
        }
    }

    /** CPU time of the Kafka Streams threads of this JVM: the monitor's own work, not the bench's producer. */
    private static long streamThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> ids = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("StreamThread"))
                .forEach(thread -> ids.add(thread.threadId()));
        return ids.stream().mapToLong(threads::getThreadCpuTime).filter(t -> t > 0).sum();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

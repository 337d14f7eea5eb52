package servmon.agent;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.agent.power.PowerMeterChain;
import servmon.agent.power.PowerProbe;
import servmon.agent.power.PowerReading;
import servmon.agent.sampling.OshiSampleSource;
import servmon.agent.sampling.Sample;
import servmon.agent.sampling.SampleSource;
import servmon.agent.spool.ReportSpool;
import servmon.agent.wake.WakeSender;
import servmon.events.AgentControl;
import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A running agent: samples the machine every interval and publishes a {@link MetricReport} keyed by its server id,
 * and listens on its control partition for the answer to its enrollment, for sleep and relay-wake orders, and for
 * the word that its server was removed (then it stops). Works on its own two threads (plus the
 * Kafka producer's); {@link #start} returns at once.
 */
public final class Agent implements AutoCloseable {

    /**
     * How long the producer keeps retrying a report before the publisher takes it back and sends it again from the
     * spool; operators may set {@code delivery.timeout.ms} in --kafka-config. An outage of any length only delays
     * reports (up to the spool's size).
     */
    static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Supplier<SampleSource> sampleSourceFactory;
    private final ReportPublisher publisher;
    private final BrokerHealth health;
    private final Enrollment enrollment;
    private final Removal removal;
    private final ControlListener listener;
    private final ScheduledExecutorService sampler;
    private final Thread controlThread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** The latest report, for the answer to a sleep order (its watts, its interfaces' Wake-on-LAN readiness). */
    private volatile MetricReport lastReport;

    // sampler thread only
    private SampleSource sampleSource;
    private PowerMeterChain power;
    private long seq;
    private final ServerId id;
    private String lastSampleError;

    private Agent(AgentConfig config, Supplier<SampleSource> sampleSourceFactory) {
        this.config = config;
        this.sampleSourceFactory = sampleSourceFactory;
        this.health = new BrokerHealth(config.bootstrapServers());
        // the key stays here: reports go out under the public id, signed with the secret derived from the key
        this.id = ServerId.of(config.key());
        SigningSecret secret = SigningSecret.of(config.key());
        long keptInMemory = DELIVERY_TIMEOUT.toSeconds() / config.intervalSeconds() + 10;
        Duration stall = Duration.ofSeconds(Math.max(15, 3L * config.intervalSeconds()));
        // one producer for reports and for answers to orders, so a flush before sleeping covers both
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProperties(config), new StringSerializer(), new ByteArraySerializer());
        this.publisher = new ReportPublisher(producer, health, id.value(), secret, (int) keptInMemory, stall,
                openSpool(config)).start();
        this.enrollment = new Enrollment(config.key(), config.keyFile(), config.enrollmentWait(), this::requestStop);
        this.removal = new Removal(config.key(), config.keyFile(), config.bootstrapServers(), this::requestStop);
        AgentOrders orders = new AgentOrders(producer, id, secret, config.orders(), () -> lastReport,
                new WakeSender());
        this.listener = new ControlListener(new KafkaConsumer<>(consumerProperties(config), new StringDeserializer(),
                new ByteArrayDeserializer()), id, secret, publisher, enrollment, orders, removal, health, stopping);
        this.sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("servmon-agent-sampler").factory());
        this.controlThread = Thread.ofPlatform().daemon().name("servmon-agent-control").unstarted(this::runControl);
    }

    /** Null when the spool cannot be used: the agent still reports, and keeps reports in memory while Kafka is away. */
    private static ReportSpool openSpool(AgentConfig config) {
        try {
            return ReportSpool.open(config.spoolDir(), config.spool().maxBytes());
        } catch (IOException e) {
            log.error("Cannot use the spool {}: {}. Reports wait in memory only while Kafka is away",
                    config.spoolDir(), e.getMessage());
            return null;
        }
    }

    /** Starts sampling this machine and reporting; returns at once. */
    public static Agent start(AgentConfig config) {
        return start(config, OshiSampleSource::new);
    }

    /** @param sampleSource made on the sampler thread, so that loading OSHI does not hold up the caller */
    static Agent start(AgentConfig config, Supplier<SampleSource> sampleSource) {
        Objects.requireNonNull(config, "config");
        Agent agent = new Agent(config, sampleSource);
        log.info("servmon agent starting: Kafka {}, key {}, server id {}, every {} s", config.bootstrapServers(),
                config.key(), agent.id, config.intervalSeconds());
        agent.controlThread.start();
        agent.sampler.scheduleAtFixedRate(agent::tick, 0, config.intervalSeconds(), TimeUnit.SECONDS);
        return agent;
    }

    /**
     * The server's answer to this agent's first report: completes with the {@link AgentControl.Type#ENROLL_REPLY},
     * whether accepted or refused (a refused agent stops by itself). Cancelled if the agent is closed before.
     * It may stay pending for a long time: no answer only means the ingestor is not running.
     */
    public CompletableFuture<AgentControl> enrollment() {
        return enrollment.outcome();
    }

    /**
     * The signed {@link AgentControl.Type#REMOVED} order that stopped this agent: its server was removed from servmon
     * (the command line exits with code 5). Empty while it runs, and when it stopped for another reason.
     */
    public Optional<AgentControl> removal() {
        return removal.order();
    }

    /**
     * Waits for a Kafka broker to answer this agent for the first time (its metadata request). The agent goes on
     * reporting either way; the command line gives up on a broker that never answers (exit code 4).
     *
     * @return true once a broker has answered, false when none did within the timeout
     */
    public boolean awaitBroker(Duration timeout) throws InterruptedException {
        return health.awaitFirstAnswer(timeout);
    }

    /** Reports waiting in the spool for Kafka (a moment ago). */
    long spooledReports() {
        return publisher.spooledCount();
    }

    /** @return true once the agent has stopped (closed, or refused by the server) */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops reporting and closes the Kafka clients; returns within a few seconds at most (reports Kafka has not
     * acknowledged are written to the spool first, so that the next start sends them).
     */
    @Override
    public void close() {
        requestStop();
        if (Thread.currentThread() != controlThread) {
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void requestStop() {
        if (stopRequested.compareAndSet(false, true)) {
            stopping.countDown();
            sampler.shutdownNow();
            listener.wakeup();
        }
    }

    private void runControl() {
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.error("Control listener failed: {}", e.toString(), e);
        } finally {
            // the control thread owns shutdown, so close() from anywhere (even a refusal on this thread) ends here
            requestStop();
            shutDown();
        }
    }

    private void shutDown() {
        try {
            if (!sampler.awaitTermination(300, TimeUnit.MILLISECONDS)) {
                log.debug("Sampler still busy at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        if (sampleSource != null) {
            sampleSource.close();
        }
        enrollment.cancel();
        log.info("servmon agent stopped");
        stopped.countDown();
    }

    private void tick() {
        try {
            if (sampleSource == null) {
                sampleSource = sampleSourceFactory.get();
                power = PowerMeterChain.forThisMachine(config.power(), sampleSource.logicalCpus(),
                        config.powerIdleW(), config.powerMaxW());
                logPowerSources(power);
            }
            Sample sample = sampleSource.sample();
            MetricReport report = report(sample, seq, power.readOrEstimate(sample.cpuPct()));
            seq++;
            lastReport = report;
            publisher.publish(report);
            lastSampleError = null;
            log.debug("Report {}: cpu {}%, {} W", report.seq(), report.cpuPct(), report.powerW());
        } catch (RuntimeException | LinkageError e) {
            // anything escaping here would cancel the schedule (LinkageError: JNA missing for this platform):
            // log it once and try again next tick
            String error = e.toString();
            if (!error.equals(lastSampleError)) {
                log.warn("Sampling failed: {}", error, e);
                lastSampleError = error;
            }
        }
    }

    /** Once at start: which source the watts come from and why the better ones are not used. */
    private static void logPowerSources(PowerMeterChain chain) {
        PowerProbe chosen = chain.chosen().orElseThrow();
        log.info("Power from {}: {}", chosen.source(), chosen.detail());
        for (PowerProbe probe : chain.probes()) {
            if (probe.source().compareTo(chosen.source()) < 0) {
                log.info("Power from {} not usable: {}", probe.source(), probe.detail());
            }
        }
    }

    private MetricReport report(Sample s, long seq, PowerReading power) {
        return ReportFitting.fit(new MetricReport(ServmonEvent.VERSION, id, s.sampledAt(), seq,
                config.intervalSeconds(), s.bootId(), s.hostname(), s.cpuPct(), power.watts(), power.source(),
                s.userCount(), s.memUsedBytes(), s.memTotalBytes(), s.load1(), s.diskUsedBytes(), s.diskTotalBytes(),
                s.netRxBytesPerS(), s.netTxBytesPerS(), s.cpuTempC(), s.uptimeS(), s.interfaces()));
    }

    static Map<String, Object> producerProperties(AgentConfig config) {
        return withClientSettings(config, Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "servmon-agent-" + ServerId.of(config.key()).value()),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis()),
                // send() must not hold up the sampler for long when metadata is missing; the report is retried
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                // what it holds at once (reports sent straight, or the spool's drain window) is a few hundred
                // kilobytes; the default 32 MB would only invite growth
                Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, 4 * 1024 * 1024),
                // keep the metrics topic's metadata between reports even at long intervals
                Map.entry(ProducerConfig.METADATA_MAX_IDLE_CONFIG,
                        (int) Math.max(Duration.ofMinutes(5).toMillis(), 3_000L * config.intervalSeconds())),
                Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000),
                // footprint: no JMX beans for client metrics, no metrics pushed to the broker
                Map.entry(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, ""),
                Map.entry(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false)));
    }

    private static Map<String, Object> consumerProperties(AgentConfig config) {
        return withClientSettings(config, Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "servmon-agent-control-" + ServerId.of(config.key()).value(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                // control messages are tiny and rare: let the broker hold each fetch until one comes
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) ControlListener.POLL.toMillis(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000,
                ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "",
                ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false));
    }

    /** The settings above plus the operator's (--kafka-config), which win: they know their broker. */
    private static Map<String, Object> withClientSettings(AgentConfig config, Map<String, Object> ours) {
        Map<String, Object> all = new HashMap<>(ours);
        all.putAll(config.kafkaProperties());
        return all;
    }
}

package servmon.agent;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.SigningSecret;
import servmon.events.Topics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands reports to the producer, in order, on its own thread so that a slow broker never delays sampling.
 * Reports wait here until {@link #release()}: the agent must be listening on its control partition before its first
 * report goes out, or it could miss the answer. Once sent, the producer's buffer and retries carry them through an
 * outage; a report the producer refuses at once (no metadata for the topic while the broker is away) stays here
 * and is offered again.
 */
final class ReportPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);
    private static final long RETRY_PAUSE_MS = 1_000;

    private final Producer<String, byte[]> producer;
    private final BrokerHealth health;
    private final String key;
    private final SigningSecret secret;
    private final int maxWaiting;
    private final long stallNanos;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<MetricReport> waiting = new ArrayDeque<>();
    private boolean released;
    private volatile boolean closed;
    private long dropped;
    /** Reports dropped because they can never be sent; only the publisher's thread counts them. */
    private long unsendable;

    private final AtomicInteger inFlight = new AtomicInteger();
    /** Last acknowledgement, or last time nothing was pending: the outage clock starts there. */
    private final AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong lostDuringOutage = new AtomicLong();
    private final AtomicLong abortedAtClose = new AtomicLong();

    /**
     * @param maxWaiting reports kept here at most before the oldest is dropped
     * @param stall      no acknowledgement for this long while reports are pending means the broker is away
     */
    /**
     * @param key        the server's public id, the reports' record key
     * @param secret     what every report is signed with, so the services can tell it from a forged one
     */
    ReportPublisher(Producer<String, byte[]> producer, BrokerHealth health, String key, SigningSecret secret,
                    int maxWaiting, Duration stall) {
        this.producer = producer;
        this.health = health;
        this.key = key;
        this.secret = secret;
        this.maxWaiting = maxWaiting;
        this.stallNanos = stall.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("servmon-agent-publisher").unstarted(this::run);
    }

    ReportPublisher start() {
        thread.start();
        return this;
    }

    void publish(MetricReport report) {
        boolean checkStall;
        lock.lock();
        try {
            if (inFlight.get() == 0 && waiting.isEmpty()) {
                lastProgressNanos.set(System.nanoTime());
            }
            waiting.addLast(report);
            if (waiting.size() > maxWaiting) {
                waiting.removeFirst();
                if (dropped++ == 0) {
                    log.warn("Dropping the oldest reports: Kafka has been unreachable for longer than they can be"
                            + " kept in memory (a disk spool is not there yet)");
                }
            }
            checkStall = released;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (checkStall) {
            checkStalled();
        }
    }

    /** Lets the waiting reports go, oldest first, and every later one as it comes. */
    void release() {
        lock.lock();
        try {
            released = true;
            lastProgressNanos.set(System.nanoTime());  // time spent waiting for the listener is no outage
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (true) {
                MetricReport next;
                lock.lock();
                try {
                    while (!closed && (!released || waiting.isEmpty())) {
                        changed.await();
                    }
                    if (closed) {
                        return;
                    }
                    next = waiting.peekFirst();
                } finally {
                    lock.unlock();
                }
                boolean sent = send(next);  // outside the lock: may wait for metadata
                lock.lock();
                try {
                    if (sent) {
                        if (waiting.peekFirst() == next) {  // unless dropped for space meanwhile
                            waiting.removeFirst();
                        }
                    } else if (!closed) {
                        changed.await(RETRY_PAUSE_MS, TimeUnit.MILLISECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /**
     * @return false when the producer refused the report at once for a reason that passes (no metadata while the
     * broker is away); it is offered again. A report that can never be sent (refused by the consumers' validator,
     * too large for the broker) is dropped with a warning, so that it never holds back the ones behind it.
     */
    private boolean send(MetricReport report) {
        try {
            EventCodec.validate(report);
        } catch (InvalidEventException e) {
            drop(report, e.getMessage());
            return true;
        }
        // one encode per report with the shared mapper; the producer batches and compresses
        byte[] value = EventCodec.encode(report);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.METRICS.name(), key, value);
        RecordSignature.sign(secret, record.topic(), key, value, record.headers());
        Acknowledgement acknowledgement = new Acknowledgement(report.seq());
        inFlight.incrementAndGet();
        try {
            producer.send(record, acknowledgement);
        } catch (KafkaException e) {
            acknowledgement.refused = e;
        } finally {
            acknowledgement.sendReturned = true;
        }
        if (acknowledgement.refused != null) {
            inFlight.decrementAndGet();
            if (isAboutTheRecord(acknowledgement.refused)) {
                drop(report, acknowledgement.refused.toString());
                return true;
            }
            if (!closed) {
                health.unreachable(acknowledgement.refused.toString());
            }
            return false;
        }
        return true;
    }

    /** Errors about the record itself: sending it again can never succeed. */
    private static boolean isAboutTheRecord(Exception e) {
        return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
                || e instanceof SerializationException || e instanceof InvalidRecordException;
    }

    private void drop(MetricReport report, String why) {
        if (unsendable++ == 0 || unsendable % 1000 == 0) {
            log.warn("Dropped report {} ({} so far), which can never be sent: {}", report.seq(), unsendable, why);
        }
    }

    private void checkStalled() {
        long quiet = System.nanoTime() - lastProgressNanos.get();
        if (quiet > stallNanos && (inFlight.get() > 0 || waitingCount() > 0)) {
            health.unreachable("no acknowledgement for " + TimeUnit.NANOSECONDS.toSeconds(quiet) + " s");
        }
    }

    /**
     * The producer's answer for one report. Kafka reports some refusals (no metadata within max.block.ms) through
     * the callback while send() is still running; those reports were never accepted, so they are offered again.
     */
    private final class Acknowledgement implements Callback {

        private final long seq;
        private volatile boolean sendReturned;
        private volatile Exception refused;

        Acknowledgement(long seq) {
            this.seq = seq;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null && !sendReturned) {
                refused = exception;
                return;
            }
            // from here on the producer's I/O thread: counters only
            inFlight.decrementAndGet();
            lastProgressNanos.set(System.nanoTime());
            if (exception == null) {
                if (!health.isReachable()) {
                    long lost = lostDuringOutage.getAndSet(0);
                    health.reachable(lost == 0 ? ""
                            : "; " + lost + " reports were lost after the delivery timeout (no disk spool yet)");
                }
                log.debug("Report {} delivered", seq);
            } else if (closed) {
                abortedAtClose.incrementAndGet();
            } else {
                if (lostDuringOutage.getAndIncrement() == 0) {
                    log.warn("Report {} was not delivered: {}", seq, exception.toString());
                }
                health.unreachable(exception.getClass().getSimpleName());
            }
        }
    }

    /** Stops handing reports over and closes the producer; undelivered reports are lost (no disk spool yet). */
    @Override
    public void close() {
        int unsent;
        lock.lock();
        try {
            closed = true;
            unsent = waiting.size();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();  // a send() waiting for metadata
        try {
            thread.join(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofMillis(500));
        long pending = inFlight.get() + abortedAtClose.get();
        if (unsent + pending > 0) {
            log.info("Stopped with {} reports not delivered", unsent + pending);
        }
    }
}

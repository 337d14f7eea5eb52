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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.agent.spool.ReportSpool;
import servmon.agent.spool.SpoolRecord;
import servmon.events.EventCodec;
import servmon.events.InvalidEventException;
import servmon.events.MetricReport;
import servmon.events.RecordSignature;
import servmon.events.SigningSecret;
import servmon.events.Topics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands reports to the producer, in order, on its own thread so that a slow broker or disk never delays sampling.
 * Reports wait here until {@link #release()}: the agent must be listening on its control partition before its first
 * report goes out, or it could miss the answer.
 * <p>
 * While Kafka takes reports, they go straight to the producer and nothing touches the disk. When it is away or
 * refuses them (a send refused, a delivery failed, no acknowledgement for a while), the reports not yet acknowledged
 * and every later one go to the {@link ReportSpool}; from then on reports leave only from the spool, oldest first:
 * one at a time until Kafka acknowledges one, then a window at a time, until the spool is empty and the straight
 * path is taken again. The spool outlives the agent, so a restart sends what the last run kept, before anything new.
 */
final class ReportPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Spooled reports in the producer at once while Kafka answers: enough to drain a day of reports in minutes. */
    private static final int DRAIN_WINDOW = 200;

    private final Producer<String, byte[]> producer;
    private final BrokerHealth health;
    private final String key;
    private final SigningSecret secret;
    private final int maxWaiting;
    private final long stallNanos;
    /** Null when the spool could not be opened: reports then wait in memory only, as {@code maxWaiting} allows. */
    private final ReportSpool spool;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Waiting> incoming = new ArrayDeque<>();
    private boolean released;
    private boolean completions;
    private volatile boolean closed;
    /** Reports in the spool, as the publisher's thread last saw: for tests and status, read from any thread. */
    private volatile long spooled;
    private long droppedFromMemory;

    // the publisher's thread only (and close(), once that thread has ended)
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    /** Kafka away or refusing: reports go to the spool. */
    private boolean outage;
    /** Kafka acknowledged a report since the last failure: the spool drains a window at a time, else one. */
    private boolean confirmed;
    /** A spooled report failed: once nothing is in flight any more, the spool is read again from its head. */
    private boolean rewindPending;
    private long lastProgressNanos = System.nanoTime();
    /** The spool is not read before this (after a refusal or failure). */
    private long pauseUntilNanos;
    /** Reports in memory are not routed before this (after the producer or the disk refused one). */
    private long retryIncomingAtNanos;
    private long sentFromSpool;
    private long droppedForRoom;
    private long unsendable;
    private boolean spoolFailureLogged;

    /**
     * @param maxWaiting reports kept in memory at most (before the listener is ready, or when the spool cannot be
     *                   written) before the oldest is dropped
     * @param stall      no acknowledgement for this long while reports are pending means the broker is away
     * @param spool      where reports wait while Kafka does not take them; null for memory only
     */
    /**
     * @param key        the server's public id, the reports' record key
     * @param secret     what every report is signed with, so the services can tell it from a forged one
     */
    ReportPublisher(Producer<String, byte[]> producer, BrokerHealth health, String key, SigningSecret secret,
                    int maxWaiting, Duration stall, ReportSpool spool) {
        this.producer = producer;
        this.health = health;
        this.key = key;
        this.secret = secret;
        this.maxWaiting = maxWaiting;
        this.stallNanos = stall.toNanos();
        this.spool = spool;
        this.thread = Thread.ofPlatform().daemon().name("servmon-agent-publisher").unstarted(this::run);
    }

    ReportPublisher start() {
        thread.start();
        return this;
    }

    /** Takes a report for sending; never blocks on Kafka or the disk. */
    void publish(MetricReport report) {
        try {
            EventCodec.validate(report);
        } catch (InvalidEventException e) {
            drop(report.seq(), e.getMessage());
            return;
        }
        SpoolRecord record = toRecord(report);
        lock.lock();
        try {
            incoming.addLast(new Waiting(record, System.nanoTime()));
            if (incoming.size() > maxWaiting) {
                incoming.removeFirst();
                if (droppedFromMemory++ == 0) {
                    log.warn("Dropping the oldest reports kept in memory: {} wait for Kafka and the spool cannot take"
                            + " them", maxWaiting);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The one place a report becomes the bytes that go to Kafka; whatever a report gets on its way (a signature)
     * belongs here, before the spool, which keeps and sends these bytes as they are.
     */
    private SpoolRecord toRecord(MetricReport report) {
        // one encode per report with the shared mapper; the producer batches and compresses
        byte[] value = EventCodec.encode(report);
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(secret, Topics.METRICS.name(), key, value, headers);
        return new SpoolRecord(report.seq(), key, value, List.of(headers.toArray()));
    }

    /** Lets the waiting reports go, oldest first (the spool's before the rest), and every later one as it comes. */
    void release() {
        lock.lock();
        try {
            released = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Reports waiting in memory, not yet handed to the producer or the spool. */
    int waitingCount() {
        lock.lock();
        try {
            return incoming.size();
        } finally {
            lock.unlock();
        }
    }

    /** Reports in the spool not yet acknowledged by Kafka (a moment ago). */
    long spooledCount() {
        return spooled;
    }

    /** Reports the spool dropped for room, as told in the log once it drained. */
    long droppedForRoom() {
        lock.lock();
        try {
            return droppedForRoom;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (true) {
                List<Waiting> arrived = awaitWork();
                if (closed) {
                    putBack(arrived);
                    return;
                }
                handleCompletions();
                route(arrived);
                if (closed) {
                    return;
                }
                checkStalled();
                drainSpool();
                checkpoint();
                spooled = spool == null ? 0 : spool.size();
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("The report publisher stopped: {}", e.toString(), e);
        }
    }

    /** Waits for something to do; returns the reports that may leave memory now. */
    private List<Waiting> awaitWork() throws InterruptedException {
        boolean canDrain = canDrain();
        lock.lock();
        try {
            boolean takeable = takeable();
            if (!closed && !completions && !canDrain && !takeable) {
                // a clock only while something is pending; an idle agent with Kafka up sleeps until the next report
                if (!inFlight.isEmpty() || !incoming.isEmpty() || rewindPending || spoolUnread()) {
                    changed.await(RETRY_PAUSE_NANOS, TimeUnit.NANOSECONDS);
                } else {
                    changed.await();
                }
                takeable = takeable();
            }
            completions = false;
            if (!takeable) {
                return List.of();
            }
            List<Waiting> taken = new ArrayList<>(incoming);
            incoming.clear();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private boolean takeable() {
        return !incoming.isEmpty() && System.nanoTime() - retryIncomingAtNanos >= 0 && mayTakeIncoming();
    }

    /** Under the lock: reports leave memory once released, or for the spool when waiting for the listener too long. */
    private boolean mayTakeIncoming() {
        if (released || outage || (spool != null && !spool.isEmpty())) {
            return spool != null || released;
        }
        if (spool != null && !incoming.isEmpty()
                && System.nanoTime() - incoming.peekFirst().arrivedNanos() > stallNanos) {
            // not listening yet, for so long that Kafka must be away: keep them on disk meanwhile
            enterOutage("not connected for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s");
            return true;
        }
        return false;
    }

    private boolean canDrain() {
        return spool != null && released && !rewindPending && System.nanoTime() - pauseUntilNanos >= 0
                && spooledInFlight() < window() && spoolUnread();
    }

    private boolean spoolUnread() {
        return spool != null && spool.size() > spooledInFlight();
    }

    private int window() {
        return confirmed ? DRAIN_WINDOW : 1;
    }

    private int spooledInFlight() {
        int count = 0;
        for (Sent sent : inFlight) {
            if (sent.spooled != null) {
                count++;
            }
        }
        return count;
    }

    /** Straight to Kafka: only while nothing older waits in the spool or is on its way from it. */
    private boolean direct() {
        boolean released;
        lock.lock();
        try {
            released = this.released;
        } finally {
            lock.unlock();
        }
        return released && (spool == null || (!outage && spool.isEmpty() && spooledInFlight() == 0));
    }

    private void route(List<Waiting> arrived) {
        for (int i = 0; i < arrived.size(); i++) {
            SpoolRecord record = arrived.get(i).record();
            if (direct()) {
                if (!sendDirect(record)) {
                    if (closed || spool == null) {  // closing: close() spools what is left
                        putBack(arrived.subList(i, arrived.size()));
                        retryIncomingAtNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
                        return;
                    }
                    enterOutage("send refused");
                    i--;  // once more, now for the spool
                }
            } else if (!toSpool(record)) {
                putBack(arrived.subList(i, arrived.size()));
                return;
            }
        }
    }

    private boolean toSpool(SpoolRecord record) {
        if (spool == null) {
            return false;
        }
        try {
            spool.append(record);
            spoolFailureLogged = false;
            return true;
        } catch (IllegalArgumentException e) {
            dropUnsendable(record.seq(), e.getMessage());
            return true;
        } catch (IOException e) {
            if (!spoolFailureLogged) {
                spoolFailureLogged = true;
                log.warn("Cannot write the spool {}: {}; reports wait in memory meanwhile", spool.dir(), e.toString());
            }
            retryIncomingAtNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
            return false;
        }
    }

    private void putBack(List<Waiting> unsent) {
        lock.lock();
        try {
            for (int i = unsent.size() - 1; i >= 0; i--) {
                incoming.addFirst(unsent.get(i));
            }
            while (incoming.size() > maxWaiting) {
                incoming.removeFirst();
                droppedFromMemory++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return false when the producer refused the report at once for a reason that passes */
    private boolean sendDirect(SpoolRecord record) {
        Sent sent = send(record, null);
        if (sent == null) {
            return false;
        }
        inFlight.addLast(sent);
        return true;
    }

    /** Hands spooled reports to the producer, oldest first, as far as the window allows. */
    private void drainSpool() {
        try {
            while (canDrain()) {
                ReportSpool.Spooled next = spool.next();
                if (next == null) {
                    return;
                }
                Sent sent = send(next.record(), next);
                if (sent == null) {
                    if (closed) {
                        return;  // it stays in the spool
                    }
                    enterOutage("send refused");
                    rewindPending = true;  // read it again once what is in flight has settled
                    pauseUntilNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
                    settleRewind();
                    return;
                }
                inFlight.addLast(sent);
            }
        } catch (IOException e) {
            log.warn("Cannot read the spool {}: {}", spool.dir(), e.toString());
            pauseUntilNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
        }
    }

    /**
     * @return the report on its way (or already refused for what it is, to be dropped in turn), or null when the
     * producer refused it at once for a reason that passes (no metadata while the broker is away)
     */
    private Sent send(SpoolRecord record, ReportSpool.Spooled spooled) {
        Sent sent = new Sent(record, spooled);
        ProducerRecord<String, byte[]> producerRecord =
                new ProducerRecord<>(Topics.METRICS.name(), null, record.key(), record.value(), record.headers());
        if (inFlight.isEmpty()) {
            lastProgressNanos = System.nanoTime();  // the outage clock starts with the first report pending
        }
        try {
            producer.send(producerRecord, sent);
        } catch (KafkaException e) {
            sent.refused = e;
        } finally {
            sent.sendReturned = true;
        }
        if (sent.refused == null) {
            return sent;
        }
        if (isAboutTheRecord(sent.refused)) {
            sent.error = sent.refused;
            sent.done = true;
            return sent;
        }
        if (!closed) {
            health.unreachable(sent.refused.toString());
        }
        return null;
    }

    /** Acknowledgements and failures, in the order the reports were sent, so that the spool's head moves in order. */
    private void handleCompletions() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            Sent sent = inFlight.peekFirst();
            if (sent.error == null) {
                lastProgressNanos = System.nanoTime();
                confirmed = true;
                if (outage) {
                    outage = false;
                    health.reachable(spool == null || spool.isEmpty() ? ""
                            : "; sending the " + spool.size() + " spooled reports first");
                }
                if (commit(sent)) {
                    sentFromSpool++;
                }
            } else if (isAboutTheRecord(sent.error)) {
                dropUnsendable(sent.record.seq(), sent.error.toString());
                commit(sent);
            } else {
                enterOutage(sent.error.getClass().getSimpleName());  // spools it too, if it was sent straight
                rewindPending = sent.spooled != null || rewindPending;
                pauseUntilNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
            }
            inFlight.removeFirst();
        }
        settleRewind();
        noteDrained();
    }

    /** @return true when it moved the spool's head */
    private boolean commit(Sent sent) {
        if (sent.spooled == null || rewindPending) {
            return false;  // after a failure the spool is read again from its head: later acknowledgements are repeats
        }
        try {
            spool.commit(sent.spooled);
        } catch (IOException e) {
            log.warn("Cannot delete a delivered spool segment: {}", e.toString());
        }
        return true;
    }

    private void settleRewind() {
        if (rewindPending && inFlight.isEmpty()) {
            spool.rewind();
            rewindPending = false;
        }
    }

    /** The spool emptied after an outage: one line for what came from disk and what was lost for room. */
    private void noteDrained() {
        if (spool == null || sentFromSpool == 0 || !spool.isEmpty()) {
            return;
        }
        long dropped = spool.takeDropped();
        lock.lock();
        try {
            droppedForRoom += dropped;
        } finally {
            lock.unlock();
        }
        // a log line, not a field of the next report: spooled reports are sent as they were written (and signed),
        // and a new field of MetricReport would be a change of the contract every consumer validates
        if (dropped > 0) {
            log.warn("Spool drained: {} reports sent from disk; {} older ones were dropped while it was full ({} bytes)",
                    sentFromSpool, dropped, spool.maxBytes());
        } else {
            log.info("Spool drained: {} reports sent from disk, none lost", sentFromSpool);
        }
        sentFromSpool = 0;
    }

    /** From now on reports go to the spool; those sent straight and not yet acknowledged are copied there first. */
    private void enterOutage(String why) {
        if (!closed) {
            health.unreachable(why);
        }
        if (spool == null) {
            return;
        }
        if (!outage) {
            outage = true;
            log.info("Reports go to the spool {} until Kafka takes them again", spool.dir());
        }
        confirmed = false;
        for (Sent sent : inFlight) {
            if (sent.spooled == null && !(sent.done && (sent.error == null || isAboutTheRecord(sent.error)))) {
                // the spool is empty while reports are sent straight, so these come first, as they should
                try {
                    spool.append(sent.record);
                    sent.spooled = spool.next();
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("Could not spool report {}: {}", sent.record.seq(), e.toString());
                    return;
                }
            }
        }
    }

    private void checkStalled() {
        if (!outage && !inFlight.isEmpty() && System.nanoTime() - lastProgressNanos > stallNanos) {
            enterOutage("no acknowledgement for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s");
        }
    }

    private void checkpoint() {
        if (spool == null) {
            return;
        }
        try {
            spool.checkpoint();
        } catch (IOException e) {
            log.debug("Spool checkpoint: {}", e.toString());
        }
    }

    /** Errors about the record itself: sending it again can never succeed. */
    private static boolean isAboutTheRecord(Exception e) {
        return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
                || e instanceof SerializationException || e instanceof InvalidRecordException;
    }

    /** A report the consumers' validator would refuse: the same cause (a clock ahead) repeats, so the log is thinned. */
    private void drop(long seq, String why) {
        if (unsendable++ == 0 || unsendable % 1000 == 0) {
            log.warn("Dropped report {} ({} so far), which can never be sent: {}", seq, unsendable, why);
        }
    }

    /** A report too large for the broker (or the spool): rare, and each one said, so that none goes unexplained. */
    private void dropUnsendable(long seq, String why) {
        unsendable++;
        log.warn("Dropped report {}, which can never be sent, so that the ones behind it go on: {}", seq, why);
    }

    /** A report in memory, and when it came. */
    private record Waiting(SpoolRecord record, long arrivedNanos) {
    }

    /**
     * One report given to the producer, and the producer's answer. Kafka reports some refusals (no metadata within
     * max.block.ms) through the callback while send() is still running; those reports were never accepted.
     */
    private final class Sent implements Callback {

        private final SpoolRecord record;
        /** Where it lies in the spool, once it is there. */
        private ReportSpool.Spooled spooled;
        private volatile boolean sendReturned;
        private volatile Exception refused;
        private volatile boolean done;
        private volatile Exception error;

        Sent(SpoolRecord record, ReportSpool.Spooled spooled) {
            this.record = record;
            this.spooled = spooled;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null && !sendReturned) {
                refused = exception;
                return;
            }
            // the producer's I/O thread: record the answer, the publisher's thread acts on it
            error = exception;
            done = true;
            lock.lock();
            try {
                completions = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (exception == null) {
                log.debug("Report {} delivered", record.seq());
            }
        }
    }

    /**
     * Stops handing reports over and closes the producer. What Kafka has not acknowledged by then goes to the spool,
     * so the next run sends it first; without a spool it is lost, and counted in the log.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(1_000);
            if (thread.isAlive()) {
                thread.interrupt();  // a send() waiting for metadata (the spool reopens a channel this closes)
                thread.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofMillis(500));  // fails whatever it could not deliver by then, through the callbacks
        if (thread.isAlive()) {
            log.warn("The report publisher did not stop in time; reports not yet delivered are lost");
            return;
        }
        long kept = 0;
        long lost = 0;
        List<SpoolRecord> unsent = new ArrayList<>();
        for (Sent sent : inFlight) {
            boolean delivered = sent.done && sent.error == null;
            if (delivered && !rewindPending) {
                commit(sent);
            } else if (!delivered && sent.spooled == null && !(sent.error != null && isAboutTheRecord(sent.error))) {
                unsent.add(sent.record);
            }
        }
        inFlight.clear();
        lock.lock();
        try {
            incoming.forEach(waiting -> unsent.add(waiting.record()));
            incoming.clear();
        } finally {
            lock.unlock();
        }
        for (SpoolRecord record : unsent) {
            if (toSpool(record)) {
                kept++;
            } else {
                lost++;
            }
        }
        if (spool != null) {
            long waiting = spool.size();
            spool.close();
            if (waiting > 0) {
                log.info("Stopped with {} reports in the spool {} ({} just now): the next start sends them first",
                        waiting, spool.dir(), kept);
            }
        }
        if (lost > 0) {
            log.info("Stopped with {} reports not delivered and no spool to keep them", lost);
        }
    }
}

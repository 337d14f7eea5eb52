package servmon.dashboard.history;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import servmon.events.PowerSource;
import servmon.store.history.HistoryPoint;
import servmon.store.history.HistoryReads;
import servmon.store.history.HistoryTier;
import servmon.store.history.SleepSpan;
import servmon.store.history.StateChange;
import servmon.store.history.StoredSample;
import servmon.store.server.Server;
import servmon.store.server.ServerRepository;
import servmon.store.server.ServerStatus;
import servmon.store.server.ServerStatusRepository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A server's history for the pages and the API: the last 30 samples for the charts, keyset pages of samples for
 * lists, and time ranges read from the tier that suits their length.
 */
@Service
@Transactional(readOnly = true)
public class ServerHistory {

    static final int CHART_SAMPLES = 30;

    /** Sleep periods the page lists; older ones are in the API's power log. */
    static final int SLEEP_PERIODS = 20;

    /** State changes the page lists of a range, the newest; a server flapping all month would have thousands. */
    static final int STATE_CHANGES = 200;

    private final ServerRepository servers;
    private final ServerStatusRepository statuses;
    private final HistoryReads reads;

    ServerHistory(ServerRepository servers, ServerStatusRepository statuses, JdbcClient jdbc) {
        this.servers = servers;
        this.statuses = statuses;
        this.reads = new HistoryReads(jdbc);
    }

    /** What the page's header shows of a server; empty if there is no such server. */
    Optional<ServerFacts> facts(long serverId) {
        return servers.findById(serverId).map(server -> {
            Optional<ServerStatus> status = statuses.findById(serverId);
            String state = status.map(ServerStatus::getState).orElse(ServerStatus.EMPTY);
            // as the servers page decides it: a MAC the admin gave, or one its agent reports with every sample
            boolean reported = status.map(ServerStatus::getLastSampledAt).isPresent()
                    || !ServerStatus.EMPTY.equals(state);
            return new ServerFacts(server.getId(), server.getName(), server.getMac(), server.getSite(), state,
                    status.map(ServerStatus::getStateSince).orElse(null), server.getMac() != null || reported);
        });
    }

    /** The newest {@value #SLEEP_PERIODS} times the server slept, newest first. */
    List<SleepSpan> sleepPeriods(long serverId) {
        return reads.sleepPeriods(serverId, SLEEP_PERIODS);
    }

    /**
     * The newest {@value #STATE_CHANGES} state changes of [from, to), newest first, and whether the range holds
     * older ones too (one more row is read to know).
     */
    StateChanges stateChanges(long serverId, Instant from, Instant to) {
        List<StateChange> read = reads.stateChanges(serverId, from, to, STATE_CHANGES + 1);
        boolean more = read.size() > STATE_CHANGES;
        return new StateChanges(more ? read.subList(0, STATE_CHANGES) : read, more);
    }

    /** A range's newest state changes; {@code more} when older ones in the range are left out. */
    record StateChanges(List<StateChange> changes, boolean more) {
    }

    /** Up to {@code limit} samples of [from, to), oldest first: one keyset page of an export. */
    List<StoredSample> samplesFrom(long serverId, Instant from, Instant to, int limit) {
        return reads.oldestFrom(serverId, from, to, limit);
    }

    public boolean exists(long serverId) {
        return servers.existsById(serverId);
    }

    Optional<String> serverName(long serverId) {
        return servers.findById(serverId).map(Server::getName);
    }

    /** The last {@value #CHART_SAMPLES} samples, oldest first, as a chart draws them left to right. */
    List<SampleRow> lastSamples(long serverId) {
        return reads.newest(serverId, CHART_SAMPLES).stream().map(ServerHistory::row).toList().reversed();
    }

    Optional<Instant> newestSampledAt(long serverId) {
        return reads.newestSampledAt(serverId);
    }

    /** Up to {@code limit} samples taken before {@code before}, newest first: one keyset page of the list. */
    List<SampleRow> samplesBefore(long serverId, Instant before, int limit) {
        return reads.newestBefore(serverId, before, limit).stream().map(ServerHistory::row).toList();
    }

    /** The cursor {@code rows} samples below {@code before}; empty when there are not that many. */
    Optional<Instant> cursorAfterSkipping(long serverId, Instant before, int rows) {
        return reads.cursorAfterSkipping(serverId, before, rows);
    }

    /** One page of samples newest first, below {@code beforeOrNull} (null: from the newest). */
    public List<StoredSample> samplePage(long serverId, Instant beforeOrNull, int limit) {
        return beforeOrNull == null
                ? reads.newest(serverId, limit)
                : reads.newestBefore(serverId, beforeOrNull, limit);
    }

    /** The points of [from, to), from the finest tier that keeps the range to a chart's worth of points. */
    public Series series(long serverId, Instant from, Instant to) {
        HistoryTier tier = HistoryTier.forRange(from, to);
        return new Series(tier, reads.range(serverId, tier, from, to));
    }

    /** A range's points and the tier they were read from. */
    public record Series(HistoryTier tier, List<HistoryPoint> points) {
    }

    private static SampleRow row(StoredSample sample) {
        return new SampleRow(sample.sampledAt(), sample.cpuPct(), sample.powerW(), powerSource(sample.powerSource()),
                sample.userCount(), sample.memUsedBytes(), sample.diskUsedBytes(), sample.netRxBytesPerS(),
                sample.netTxBytesPerS());
    }

    private static PowerSource powerSource(String source) {
        try {
            return source == null ? null : PowerSource.valueOf(source.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

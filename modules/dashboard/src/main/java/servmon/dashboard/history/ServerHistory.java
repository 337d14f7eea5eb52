package servmon.dashboard.history;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import servmon.events.PowerSource;
import servmon.store.sample.MetricSample;
import servmon.store.sample.MetricSampleRepository;
import servmon.store.server.Server;
import servmon.store.server.ServerRepository;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A server's reported samples: the last 30 for the charts, and every one, page by page, for the list. */
@Service
@Transactional(readOnly = true)
class ServerHistory {

    static final int CHART_SAMPLES = 30;

    private final ServerRepository servers;
    private final MetricSampleRepository samples;

    ServerHistory(ServerRepository servers, MetricSampleRepository samples) {
        this.servers = servers;
        this.samples = samples;
    }

    Optional<String> serverName(long serverId) {
        return servers.findById(serverId).map(Server::getName);
    }

    /** The last {@value #CHART_SAMPLES} samples, oldest first, as a chart draws them left to right. */
    List<SampleRow> lastSamples(long serverId) {
        List<SampleRow> newestFirst = samples.findTop30ByIdServerIdOrderByIdSampledAtDesc(serverId).stream()
                .map(ServerHistory::row).toList();
        return newestFirst.reversed();
    }

    /** Samples newest first, {@code limit} of them from {@code offset} (as a lazy grid asks for them). */
    List<SampleRow> samples(long serverId, int offset, int limit) {
        return samples.findNewestFirst(serverId, offset, limit).stream().map(ServerHistory::row).toList();
    }

    long count(long serverId) {
        return samples.countByIdServerId(serverId);
    }

    private static SampleRow row(MetricSample sample) {
        return new SampleRow(sample.getSampledAt(), sample.getCpuPct(), sample.getPowerW(),
                powerSource(sample.getPowerSource()), sample.getUserCount());
    }

    private static PowerSource powerSource(String source) {
        try {
            return source == null ? null : PowerSource.valueOf(source.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

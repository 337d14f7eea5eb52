package servmon.dashboard.servers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import servmon.store.server.ServerRepository;

import java.util.List;
import java.util.Optional;

/** Every server with its latest state and sample: what the main page and the API list show. */
@Service
@Transactional(readOnly = true)
public class FleetOverview {

    private final ServerRepository servers;

    FleetOverview(ServerRepository servers) {
        this.servers = servers;
    }

    /** All servers by name, in one query (the page refreshes this every few seconds). */
    public List<ServerSummary> servers() {
        return servers.findAllOverviews().stream().map(ServerSummary::of).toList();
    }

    /** Up to {@code limit} servers with an id above {@code afterId}, by id: a keyset page of the fleet. */
    public List<ServerSummary> page(long afterId, int limit) {
        return servers.findOverviewsAfter(afterId, limit).stream().map(ServerSummary::of).toList();
    }

    public Optional<ServerSummary> server(long id) {
        return servers.findOverview(id).map(ServerSummary::of);
    }
}

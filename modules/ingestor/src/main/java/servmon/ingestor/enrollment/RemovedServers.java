package servmon.ingestor.enrollment;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.ServerId;
import servmon.events.SigningSecret;
import servmon.store.InLists;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers removed on the dashboard not long ago ({@code removed_server}, V12), with the secret their agents still
 * sign with: what the ingestor needs to tell an agent that was away at the removal that its server is gone.
 */
@Component
class RemovedServers {

    /** The removed server's name on the dashboard, and the secret its agent checks orders with. */
    record RemovedServer(String name, SigningSecret secret) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    RemovedServers(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The removed servers among {@code ids}; ids never registered (or purged since) are absent from the result.
     * One query per call (per thousand ids): the ingestor asks once per poll batch, only for ids it answers.
     */
    Map<ServerId, RemovedServer> find(Collection<ServerId> ids) {
        Map<ServerId, RemovedServer> found = new HashMap<>(ids.size() * 2);
        List<String> values = ids.stream().map(ServerId::value).toList();
        for (List<String> chunk : InLists.chunks(values)) {
            jdbc.query("SELECT public_id, name, signing_secret FROM removed_server WHERE public_id IN (:ids)",
                    new MapSqlParameterSource("ids", chunk), row -> {
                        found.put(ServerId.of(row.getString("public_id")), new RemovedServer(row.getString("name"),
                                SigningSecret.fromText(row.getString("signing_secret"))));
                    });
        }
        return found;
    }
}

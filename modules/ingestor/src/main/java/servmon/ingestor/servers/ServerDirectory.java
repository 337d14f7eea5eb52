package servmon.ingestor.servers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import servmon.events.ServerId;
import servmon.events.SigningSecret;
import servmon.store.InLists;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which server ids are registered, as which server row, and with which signing secret (from the database, which the
 * dashboard writes before it publishes the registration: the source of truth the ingestor already reads). A cache in front of the {@code server} table:
 * kept current by the servers topic (warmed on registration, evicted on removal), with the misses of a whole
 * batch looked up in one query.
 */
@Component
public class ServerDirectory {

    private static final Logger log = LoggerFactory.getLogger(ServerDirectory.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final Map<ServerId, KnownServer> byKey = new ConcurrentHashMap<>();
    /**
     * Keys removed on the servers topic. The dashboard publishes the tombstone inside its delete transaction, so a
     * lookup racing it can still see the row; without this set that key would be cached again for good and its
     * reports silently dropped by the foreign key instead of refused. Keys are random and never reused.
     */
    private final Set<ServerId> removed = ConcurrentHashMap.newKeySet();

    ServerDirectory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The registered servers among {@code keys}; keys that are not registered are absent from the result.
     * Hot path: at most one query per call, and none when every key is cached.
     */
    public Map<ServerId, KnownServer> resolve(Collection<ServerId> keys) {
        Map<ServerId, KnownServer> found = new HashMap<>(keys.size() * 2);
        List<String> misses = new ArrayList<>();
        for (ServerId key : keys) {
            KnownServer known = byKey.get(key);
            if (known != null) {
                found.put(key, known);
            } else {
                misses.add(key.value());
            }
        }
        for (List<String> chunk : InLists.chunks(misses)) {
            jdbc.query("SELECT id, public_id, name, signing_secret FROM server WHERE public_id IN (:keys)",
                    new MapSqlParameterSource("keys", chunk), row -> {
                        ServerId key = ServerId.of(row.getString("public_id"));
                        if (removed.contains(key)) {
                            return;
                        }
                        KnownServer known = new KnownServer(row.getLong("id"), row.getString("name"),
                                SigningSecret.fromText(row.getString("signing_secret")));
                        byKey.put(key, known);
                        found.put(key, known);
                    });
        }
        return found;
    }

    void remember(ServerId key, KnownServer server) {
        removed.remove(key);
        KnownServer previous = byKey.put(key, server);
        if (previous == null || previous.id() != server.id()) {
            log.debug("Server {} is registered as {} (id {})", key, server.name(), server.id());
        }
    }

    void forget(ServerId key) {
        removed.add(key);
        if (byKey.remove(key) != null) {
            log.info("Server {} was removed; its reports will be refused", key);
        }
    }
}

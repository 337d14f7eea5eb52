package servmon.dashboard.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.events.ServerId;
import servmon.events.SigningSecret;
import servmon.store.InLists;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a server is, by the id its events carry: the fields of its {@code server} row that an alert (id, name, group)
 * and the check of its agent's signature (secret) need. Cached in memory so that no report costs a query: the ids a
 * whole batch misses are looked up in one query. A known server is kept for {@link #KEEP_KNOWN}, so a renamed server
 * may show its old name for that long; an id the table does not have is asked again after {@link #RECHECK_UNKNOWN},
 * by when a server just added is there.
 */
final class ServerDirectory {

    /** @param group the server's site, null for none; @param secret what its agent signs its reports with */
    record Server(long id, String name, String group, SigningSecret secret) {
    }

    /** How stale a name or group may be in an alert; an id's secret never changes (both derive from its key). */
    static final Duration KEEP_KNOWN = Duration.ofMinutes(1);
    /** How stale "not registered" may be: a new server's first reports are skipped for at most this long. */
    static final Duration RECHECK_UNKNOWN = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Cache<ServerId, Optional<Server>> cache = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfter(Expiry.<ServerId, Optional<Server>>creating((id, server) ->
                    server.isPresent() ? KEEP_KNOWN : RECHECK_UNKNOWN))
            .build();

    ServerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty for a server that is not registered (any more): nobody is told about those. */
    Optional<Server> find(ServerId id) {
        return cache.get(id, missing -> load(Set.of(missing)).get(missing));
    }

    /** Every id asked has an answer, empty for those not registered; the ones not cached cost one query together. */
    Map<ServerId, Optional<Server>> findAll(Set<ServerId> ids) {
        return cache.getAll(ids, this::load);
    }

    /** One query per chunk of ids; every id asked gets an answer, so "not registered" is cached too. */
    private Map<ServerId, Optional<Server>> load(Set<? extends ServerId> missing) {
        Map<ServerId, Optional<Server>> found = new HashMap<>(missing.size() * 2);
        List<String> values = missing.stream().map(ServerId::value).toList();
        for (List<String> chunk : InLists.chunks(values)) {
            jdbc.sql("select public_id, id, name, site, signing_secret from server where public_id in (:ids)")
                    .param("ids", chunk)
                    .query((RowCallbackHandler) row -> found.put(ServerId.of(row.getString(1)),
                            Optional.of(new Server(row.getLong(2), row.getString(3), row.getString(4),
                                    SigningSecret.fromText(row.getString(5))))));
        }
        for (ServerId id : missing) {
            found.putIfAbsent(id, Optional.empty());
        }
        return found;
    }
}

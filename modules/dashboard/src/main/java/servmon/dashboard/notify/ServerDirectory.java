package servmon.dashboard.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import servmon.events.ServerId;

import java.time.Duration;
import java.util.Optional;

/**
 * Who a server is (id, name, group) for an alert, by the key its events carry. Cached for a minute: the OFF check and
 * the rules ask per alert, and a renamed server may show its old name for that long.
 */
final class ServerDirectory {

    /** @param group the server's site, null for none */
    record NamedServer(long id, String name, String group) {
    }

    private final JdbcClient jdbc;
    private final Cache<ServerId, Optional<NamedServer>> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    ServerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty for a server that is not registered (any more): nobody is told about those. */
    Optional<NamedServer> find(ServerId key) {
        return cache.get(key, k -> jdbc.sql("select id, name, site from server where public_id = ?")
                .param(k.value())
                .query((rs, n) -> new NamedServer(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional());
    }
}

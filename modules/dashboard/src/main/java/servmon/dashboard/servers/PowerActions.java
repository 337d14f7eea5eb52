package servmon.dashboard.servers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import servmon.events.CommandId;
import servmon.events.ServerId;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.Topics;
import servmon.store.server.Server;
import servmon.store.server.ServerRepository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sleep orders and the power log (every step of every wake and sleep of a server, as the wol-service reported it and
 * the ingestor stored it in {@code wake_event}).
 */
@Service
public class PowerActions {

    private static final Logger log = LoggerFactory.getLogger(PowerActions.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** One step of a wake or a sleep: SENT, RETRIED, CONFIRMED, TIMED_OUT, SLEEP_SENT, SLEEP_REFUSED, … */
    public record PowerStep(String commandId, String status, String detail, int packetsSent, Instant at) {
    }

    private final ServerRepository servers;
    private final ServerEventPublisher events;
    private final JdbcTemplate jdbc;

    PowerActions(ServerRepository servers, ServerEventPublisher events, JdbcTemplate jdbc) {
        this.servers = servers;
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * Asks the wol-service to put the server to sleep; it checks the server can be woken again, then orders its agent.
     *
     * @throws ServerNotFoundException if there is no such server
     * @throws EventPublishException   if Kafka did not take the command
     */
    public CommandId requestSleep(long id, SleepMode mode, boolean force, String requestedBy) {
        Server server = servers.findById(id).orElseThrow(() -> new ServerNotFoundException(id));
        SleepCommand command = SleepCommand.of(ServerId.of(server.getPublicId()), mode, force, requestedBy);
        events.publish(Topics.SLEEP_COMMANDS, command.serverId(), command);
        log.info("{} of server {} '{}' requested by {}{} (command {})", mode, id, server.getName(), requestedBy,
                force ? ", forced" : "", command.commandId());
        return command.commandId();
    }

    /**
     * The first step the wol-service reported for a command, waiting up to {@code timeout} for it: a refused sleep is
     * answered with its reason while the caller still waits, not only in the log later.
     */
    public Optional<PowerStep> firstStep(CommandId command, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<PowerStep> steps = jdbc.query("""
                    SELECT command_id, status, detail, packets_sent, at FROM wake_event WHERE command_id = ?
                    ORDER BY at LIMIT 1""", (rs, n) -> step(rs), command.value());
            if (!steps.isEmpty() || Instant.now().isAfter(deadline)) {
                return steps.stream().findFirst();
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The server's newest {@code limit} power steps, newest first. */
    public List<PowerStep> log(long serverId, int limit) {
        return jdbc.query("""
                SELECT command_id, status, detail, packets_sent, at FROM wake_event WHERE server_id = ?
                ORDER BY at DESC LIMIT ?""", (rs, n) -> step(rs), serverId, limit);
    }

    private static PowerStep step(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp at = rs.getTimestamp("at");
        return new PowerStep(rs.getString("command_id"), rs.getString("status"), rs.getString("detail"),
                rs.getInt("packets_sent"), at == null ? null : at.toInstant());
    }
}

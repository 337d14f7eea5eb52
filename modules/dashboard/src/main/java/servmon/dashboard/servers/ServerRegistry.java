package servmon.dashboard.servers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import servmon.events.CommandId;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.store.server.Server;
import servmon.store.server.ServerRepository;
import servmon.store.server.ServerStatus;
import servmon.store.server.ServerStatusRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Registers, removes and wakes servers. Each change is stored and published in one step: the database
 * transaction commits only after Kafka acknowledged the event, so the two never disagree about which servers
 * exist. (Transactions are programmatic so that this holds however the registry is constructed.)
 */
@Service
public class ServerRegistry {

    private static final Logger log = LoggerFactory.getLogger(ServerRegistry.class);

    private final ServerRepository servers;
    private final ServerStatusRepository statuses;
    private final ServerEventPublisher events;
    private final TransactionTemplate writing;
    private final TransactionTemplate reading;

    ServerRegistry(ServerRepository servers, ServerStatusRepository statuses, ServerEventPublisher events,
                   PlatformTransactionManager transactions) {
        this.servers = servers;
        this.statuses = statuses;
        this.events = events;
        this.writing = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /**
     * Adds a server with a fresh random key and publishes {@link ServerRegistered}.
     *
     * @param macOrNull the MAC to wake it at, {@code aa:bb:cc:dd:ee:ff} or with dashes; null to use the one its
     *                  agent reports
     * @throws ServerValidationException if the name or MAC is not acceptable (the message says why)
     * @throws EventPublishException     if Kafka did not take the registration; nothing was stored
     */
    public RegisteredServer register(String name, String macOrNull) {
        return register(name, macOrNull, null);
    }

    /**
     * As {@link #register(String, String)}, in a group.
     *
     * @param groupOrNull the server's group (a site or a role), null or blank for none: a sleep order never puts
     *                    the last awake server of a group to sleep
     */
    public RegisteredServer register(String name, String macOrNull, String groupOrNull) {
        String cleanName = validName(name);
        String mac = validMac(macOrNull);
        String group = validGroup(groupOrNull);
        return writing.execute(tx -> insertAndPublish(cleanName, mac, group));
    }

    /**
     * Moves a server to another group (null or blank: none) and publishes its registration again, so that the
     * services that keep a group awake know.
     *
     * @throws ServerNotFoundException   if there is no such server
     * @throws ServerValidationException if the group is not acceptable
     */
    public void changeGroup(long id, String groupOrNull) {
        String group = validGroup(groupOrNull);
        writing.executeWithoutResult(tx -> {
            Server server = servers.findById(id).orElseThrow(() -> new ServerNotFoundException(id));
            server.setSite(group);
            servers.saveAndFlush(server);
            publishRegistration(server);
            log.info("Server {} '{}' is now in group {}", id, server.getName(), group);
        });
    }

    /**
     * Changes a server's name, MAC and group and publishes its registration again, as adding it did, so that the
     * services wake it at the new MAC and show the new name. Its key, ids and history stay.
     *
     * @throws ServerNotFoundException   if there is no such server
     * @throws ServerValidationException if a value is not acceptable or the name is taken (the message says why)
     * @throws EventPublishException     if Kafka did not take the registration; nothing was changed
     */
    public RegisteredServer edit(long id, String name, String macOrNull, String groupOrNull) {
        String cleanName = validName(name);
        String mac = validMac(macOrNull);
        String group = validGroup(groupOrNull);
        return writing.execute(tx -> {
            Server server = servers.findById(id).orElseThrow(() -> new ServerNotFoundException(id));
            if (!server.getName().equals(cleanName) && servers.existsByName(cleanName)) {
                throw new ServerValidationException("name", ServerRules.nameTaken(cleanName));
            }
            server.rename(cleanName, mac);
            server.setSite(group);
            try {
                servers.saveAndFlush(server);
            } catch (DataIntegrityViolationException e) {  // another request took the name in between
                throw new ServerValidationException("name", ServerRules.nameTaken(cleanName));
            }
            publishRegistration(server);
            log.info("Server {} is now '{}', MAC {}, group {}", id, cleanName, mac, group);
            return registered(server);
        });
    }

    private RegisteredServer insertAndPublish(String cleanName, String mac, String group) {
        if (servers.existsByName(cleanName)) {
            throw new ServerValidationException("name", ServerRules.nameTaken(cleanName));
        }
        ServerKey key = unusedKey();
        ServerId serverId = ServerId.of(key);
        // DATETIME(3) keeps milliseconds: truncate so the event and the row say the same instant
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Server server;
        try {
            // the key itself is not stored: only what the services check reports with (V7)
            Server row = new Server(serverId.value(), SigningSecret.of(key).toText(), cleanName, mac, now);
            row.setSite(group);
            server = servers.saveAndFlush(row);
            statuses.saveAndFlush(ServerStatus.empty(server.getId(), now));
        } catch (DataIntegrityViolationException e) {  // another request took the name in between
            throw new ServerValidationException("name", ServerRules.nameTaken(cleanName));
        }
        publishRegistration(server);
        log.info("Registered server {} '{}' as {} with key {}", server.getId(), cleanName, serverId, key);
        return new RegisteredServer(server.getId(), serverId, key, cleanName, mac);
    }

    /**
     * Gives the server a new key, for an agent whose key was lost: the database never kept it. The old key no longer
     * counts: the services forget the old id (a tombstone) and learn the new one.
     *
     * @return the server with its new key, to show once
     * @throws ServerNotFoundException if there is no such server
     */
    public RegisteredServer replaceKey(long id) {
        return writing.execute(tx -> {
            Server server = servers.findById(id).orElseThrow(() -> new ServerNotFoundException(id));
            ServerId oldId = ServerId.of(server.getPublicId());
            ServerKey key = unusedKey();
            servers.keepRemovedId(id);  // the old agent is told it was removed, even if it is away now
            server.setKeyDerivations(ServerId.of(key).value(), SigningSecret.of(key).toText());
            servers.saveAndFlush(server);
            events.publish(Topics.SERVERS, oldId, null);
            publishRegistration(server);
            log.info("Server {} '{}' has a new key {}: now {} (was {})", id, server.getName(), key,
                    server.getPublicId(), oldId);
            return new RegisteredServer(server.getId(), ServerId.of(server.getPublicId()), key, server.getName(),
                    server.getMac());
        });
    }

    /** The registration the services learn the server from, with the secret its reports are checked with. */
    private void publishRegistration(Server server) {
        ServerId serverId = ServerId.of(server.getPublicId());
        events.publish(Topics.SERVERS, serverId, new ServerRegistered(ServmonEvent.VERSION, serverId, server.getId(),
                server.getName(), server.getMac(), server.getCreatedAt(), server.getSite(),
                SigningSecret.fromText(server.getSigningSecret())));
    }

    /** The server with exactly this name, e.g. to reuse this machine's registration on restart. */
    public Optional<RegisteredServer> findByName(String name) {
        return reading.execute(tx -> servers.findByName(name).map(ServerRegistry::registered));
    }

    public Optional<RegisteredServer> findById(long id) {
        return reading.execute(tx -> servers.findById(id).map(ServerRegistry::registered));
    }

    /** Whether the name is taken; for the form's live check. */
    public boolean nameTaken(String name) {
        return name != null && Boolean.TRUE.equals(reading.execute(tx -> servers.existsByName(name.strip())));
    }

    /**
     * Removes the server with its status and history and publishes a tombstone, so the other services forget it.
     * Its id and secret stay in {@code removed_server} a while, so that its agent hears it was removed even if it is
     * away now.
     *
     * @throws ServerNotFoundException if there is no such server
     * @throws EventPublishException   if Kafka did not take the tombstone; nothing was removed
     */
    public void delete(long id) {
        writing.executeWithoutResult(tx -> {
            Server server = servers.findById(id).orElseThrow(() -> new ServerNotFoundException(id));
            ServerId serverId = ServerId.of(server.getPublicId());
            servers.keepRemovedId(id);  // so that its agent is told it was removed, even if it is away now
            servers.deleteServer(id);
            events.publish(Topics.SERVERS, serverId, null);
            log.info("Deleted server {} '{}' ({})", id, server.getName(), serverId);
        });
    }

    /**
     * Asks the wol-service to wake the server.
     *
     * @param requestedBy who asked, e.g. the logged-in user name
     * @return the command's id, which its results will carry
     * @throws ServerNotFoundException if there is no such server
     * @throws EventPublishException   if Kafka did not take the command
     */
    public CommandId requestWake(long id, String requestedBy) {
        Server server = reading.execute(tx -> servers.findById(id)).orElseThrow(() -> new ServerNotFoundException(id));
        WakeCommand command = WakeCommand.of(ServerId.of(server.getPublicId()), requestedBy, "dashboard");
        events.publish(Topics.WAKE_COMMANDS, command.serverId(), command);
        log.info("Wake of server {} '{}' requested by {} (command {})", id, server.getName(), requestedBy,
                command.commandId());
        return command.commandId();
    }

    private static String validName(String name) {
        ServerRules.nameProblem(name).ifPresent(problem -> {
            throw new ServerValidationException("name", problem);
        });
        return name.strip();
    }

    private static String validMac(String mac) {
        ServerRules.macProblem(mac).ifPresent(problem -> {
            throw new ServerValidationException("mac", problem);
        });
        return ServerRules.normaliseMac(mac);
    }

    private static String validGroup(String group) {
        ServerRules.groupProblem(group).ifPresent(problem -> {
            throw new ServerValidationException("group", problem);
        });
        return ServerRules.normaliseGroup(group);
    }

    /** A fresh key whose id no server has: ~140 random bits, 80 of them in the id, so it practically never loops. */
    private ServerKey unusedKey() {
        ServerKey key = ServerKey.random();
        while (servers.existsByPublicId(ServerId.of(key).value())) {
            key = ServerKey.random();
        }
        return key;
    }

    /** Without the key: the database does not keep it. */
    private static RegisteredServer registered(Server server) {
        return new RegisteredServer(server.getId(), ServerId.of(server.getPublicId()), null, server.getName(),
                server.getMac());
    }
}

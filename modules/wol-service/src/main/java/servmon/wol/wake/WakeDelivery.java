package servmon.wol.wake;

import org.springframework.stereotype.Component;
import servmon.events.AgentControl;
import servmon.events.NetInterface;
import servmon.events.ServerRegistered;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.events.WakeCommand;
import servmon.wol.WolProperties;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Gets a wake's magic packet to its server: straight from here, or, on a subnet this service cannot reach
 * ({@code servmon.wol.relay-broadcasts}), through an awake agent on that subnet (RELAY_WAKE), whose answer comes back
 * as RELAYED. Used for the first send and for every retry, so a retry may go through another peer.
 */
@Component
class WakeDelivery {

    /** @param packets datagrams sent from here (0 for a relay) */
    record Delivered(boolean ok, int packets, String detail) {
    }

    private final WakeSender sender;
    private final WakeTargets targets;
    private final AgentOrderSender control;
    private final Set<String> relayBroadcasts;
    private final WolProperties properties;
    private final Clock clock;

    WakeDelivery(WakeSender sender, WakeTargets targets, AgentOrderSender control,
                 WolProperties properties, Clock clock) {
        this.sender = sender;
        this.targets = targets;
        this.control = control;
        this.relayBroadcasts = Set.copyOf(properties.relayBroadcasts());
        this.properties = properties;
        this.clock = clock;
    }

    Delivered deliver(WakeCommand command, WakeTarget.Reachable target) {
        String prefix = "";
        if (target.broadcast() != null && relayBroadcasts.contains(target.broadcast())) {
            Optional<ServerRegistered> peer = awakePeerOn(target.broadcast(), command);
            if (peer.isPresent()) {
                relayThrough(peer.get(), command, target);
                return new Delivered(true, 0, "asked " + peer.get().name() + ", awake on the same subnet ("
                        + target.broadcast() + "), to send the packet for " + target.packet().mac());
            }
            prefix = "no awake agent on " + target.broadcast() + " to relay through, sent from here: ";
        }
        WakeSender.Sent sent = sender.send(target);
        return new Delivered(!sent.failed(), sent.sent(), prefix + sent.detail());
    }

    /** The most recently seen ON server (not the target) with an interface on that broadcast address. */
    private Optional<ServerRegistered> awakePeerOn(String broadcast, WakeCommand command) {
        return targets.fleet().entrySet().stream()
                .filter(entry -> !entry.getKey().serverId().equals(command.serverId()))
                .filter(entry -> entry.getValue() != null && entry.getValue().state() == ServerState.ON)
                .filter(entry -> onSubnet(entry.getValue().interfaces(), broadcast))
                .max(Comparator.comparing((Map.Entry<ServerRegistered, ServerStateChanged> entry) ->
                        Optional.ofNullable(entry.getValue().lastSeen()).orElse(Instant.EPOCH)))
                .map(Map.Entry::getKey);
    }

    private static boolean onSubnet(List<NetInterface> interfaces, String broadcast) {
        return interfaces.stream().anyMatch(nic -> broadcast.equals(nic.broadcast()));
    }

    private void relayThrough(ServerRegistered peer, WakeCommand command, WakeTarget.Reachable target) {
        try {
            control.send(peer, AgentControl.relayWake(
                            peer.serverId(), command.commandId(), target.packet().mac(), target.broadcast(),
                            clock.instant()))
                    .get(properties.resultSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking a peer to relay a wake", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not ask " + peer.name() + " to relay: " + e.getMessage(), e);
        }
    }
}

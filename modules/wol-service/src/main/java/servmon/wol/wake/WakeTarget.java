package servmon.wol.wake;

import servmon.events.NetInterface;
import servmon.events.ServerRegistered;
import servmon.events.ServerStateChanged;
import servmon.wol.packet.MagicPacket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What servmon knows that lets it wake one server, or why it cannot. */
public sealed interface WakeTarget {

    String NOT_REGISTERED = "server is not registered";
    String NO_MAC = "no MAC address known: start the agent on that server once, or set the MAC in the dashboard";

    /**
     * @param packet    the magic packet for the chosen MAC
     * @param macSource where the MAC came from, for the result's detail
     * @param broadcast the IPv4 broadcast address the agent reported for that MAC's interface, or null
     */
    record Reachable(MagicPacket packet, String macSource, String broadcast) implements WakeTarget {
    }

    record Unwakeable(String reason) implements WakeTarget {
    }

    /**
     * The admin's MAC if set; else the reported interface armed for Wake-on-LAN; else the first reported interface
     * with a usable MAC (loopback's all-zero MAC is not).
     *
     * @param registered the server's registration, null if it is not registered
     * @param state      its latest state, null if the state monitor never published one
     */
    static WakeTarget choose(ServerRegistered registered, ServerStateChanged state) {
        if (registered == null) {
            return new Unwakeable(NOT_REGISTERED);
        }
        List<NetInterface> reported = state == null ? List.of() : state.interfaces();
        if (registered.mac() != null && !registered.mac().isBlank()) {
            MagicPacket packet;
            try {
                packet = MagicPacket.forMac(registered.mac());
            } catch (IllegalArgumentException e) {
                return new Unwakeable("the MAC set in the dashboard is not usable: " + e.getMessage());
            }
            String broadcast = reported.stream()
                    .filter(nic -> packet.mac().equals(usableMac(nic).map(MagicPacket::mac).orElse(null)))
                    .map(NetInterface::broadcast)
                    .filter(Objects::nonNull)
                    .findFirst().orElse(null);
            return new Reachable(packet, "set in the dashboard", broadcast);
        }
        Optional<NetInterface> armed = reported.stream()
                .filter(nic -> Boolean.TRUE.equals(nic.wolArmed()) && usableMac(nic).isPresent())
                .findFirst();
        Optional<NetInterface> chosen = armed.or(() -> reported.stream()
                .filter(nic -> usableMac(nic).isPresent())
                .findFirst());
        return chosen.<WakeTarget>map(nic -> new Reachable(usableMac(nic).orElseThrow(),
                        "reported by the agent for " + nic.name() + (armed.isPresent() ? " (Wake-on: g)" : ""),
                        nic.broadcast()))
                .orElseGet(() -> new Unwakeable(NO_MAC));
    }

    private static Optional<MagicPacket> usableMac(NetInterface nic) {
        if (nic.mac() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MagicPacket.forMac(nic.mac()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

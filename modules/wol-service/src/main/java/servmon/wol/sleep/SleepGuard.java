package servmon.wol.sleep;

import servmon.events.NetInterface;
import servmon.events.ServerRegistered;
import servmon.events.ServerState;
import servmon.events.ServerStateChanged;
import servmon.wol.packet.MagicPacket;
import servmon.wol.wake.WakeTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a server may be put to sleep: only one servmon can wake again, and never the last awake server of its
 * group. Pure, so every rule is tested without Kafka.
 */
public final class SleepGuard {

    /**
     * @param refusals reasons that no {@code force} overrides (the server is not there to sleep)
     * @param warnings reasons that refuse the sleep unless it is forced
     */
    record Verdict(List<String> refusals, List<String> warnings) {
        boolean allowed(boolean force) {
            return refusals.isEmpty() && (force || warnings.isEmpty());
        }
    }

    private SleepGuard() {
    }

    static Verdict check(ServerRegistered server, ServerStateChanged state, WakeTarget target,
                         Map<ServerRegistered, ServerStateChanged> fleet) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (server == null) {
            refusals.add("the server is not registered");
            return new Verdict(refusals, warnings);
        }
        if (state == null || state.state() != ServerState.ON) {
            refusals.add("the server is " + (state == null ? "not reporting yet" : state.state()) + ", not ON");
        }
        switch (target) {
            case WakeTarget.Unwakeable unwakeable -> warnings.add("servmon could not wake it again: " + unwakeable.reason());
            case WakeTarget.Reachable reachable -> {
                if (!armed(server, state, reachable)) {
                    warnings.add("Wake-on-LAN is not armed on its interface (ethtool shows no 'Wake-on: g'): arm it "
                            + "with 'ethtool -s IFACE wol g', or set its MAC in the dashboard to vouch for it");
                }
            }
        }
        long othersAwake = fleet.entrySet().stream()
                .filter(other -> !other.getKey().serverId().equals(server.serverId()))
                .filter(other -> Objects.equals(other.getKey().group(), server.group()))
                .filter(other -> other.getValue() != null && other.getValue().state() == ServerState.ON)
                .count();
        if (othersAwake == 0) {
            warnings.add("it is the last awake server of " + (server.group() == null ? "the servers without a group"
                    : "group " + server.group()));
        }
        return new Verdict(refusals, warnings);
    }

    /**
     * Whether servmon could wake this server again once asleep: a MAC to send to, and Wake-on-LAN armed or vouched
     * for. The policies put only such servers to sleep, so that they never meet a refusal.
     */
    public static boolean canWakeAgain(ServerRegistered server, ServerStateChanged state, WakeTarget target) {
        return server != null && target instanceof WakeTarget.Reachable reachable && armed(server, state, reachable);
    }

    /** The admin's MAC is taken as their word that Wake-on-LAN works; a reported one must show Wake-on: g. */
    private static boolean armed(ServerRegistered server, ServerStateChanged state, WakeTarget.Reachable target) {
        if (server.mac() != null && !server.mac().isBlank()) {
            return true;
        }
        List<NetInterface> nics = state == null ? List.of() : state.interfaces();
        return nics.stream().anyMatch(nic -> Boolean.TRUE.equals(nic.wolArmed())
                && target.packet().mac().equals(canonical(nic.mac())));
    }

    private static String canonical(String mac) {
        try {
            return mac == null ? null : MagicPacket.forMac(mac).mac();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

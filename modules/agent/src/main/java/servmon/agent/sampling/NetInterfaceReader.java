package servmon.agent.sampling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import servmon.events.NetInterface;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The interfaces a wake could go through: up, not loopback, with a real MAC. Re-read once a minute, not every
 * sample: interfaces rarely change, and the list is the same in every report in between.
 */
final class NetInterfaceReader {

    static final long REREAD_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(NetInterfaceReader.class);

    private final EthtoolWolProbe wolProbe;
    private List<NetInterface> current = List.of();
    private long readAtNanos;
    private boolean read;

    NetInterfaceReader(EthtoolWolProbe wolProbe) {
        this.wolProbe = wolProbe;
    }

    List<NetInterface> current(long nowNanos) {
        if (!read || nowNanos - readAtNanos >= REREAD_NANOS) {
            current = reread(nowNanos);
            readAtNanos = nowNanos;
            read = true;
        }
        return current;
    }

    private List<NetInterface> reread(long nowNanos) {
        List<NetInterface> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (nic.isLoopback() || nic.isVirtual() || !nic.isUp()) {
                    continue;
                }
                String mac = NetAddresses.formatMac(nic.getHardwareAddress());
                if (mac == null) {
                    continue;
                }
                found.add(describe(nic.getName(), mac, nic.getInterfaceAddresses(),
                        wolProbe.wolArmed(nic.getName(), nowNanos)));
            }
        } catch (SocketException e) {
            log.warn("Could not list network interfaces: {}", e.toString());
            return current;
        }
        found.sort(Comparator.comparing(NetInterface::name));
        return List.copyOf(found);
    }

    private static NetInterface describe(String name, String mac, List<InterfaceAddress> addresses, Boolean wolArmed) {
        for (InterfaceAddress address : addresses) {
            if (address.getAddress() instanceof Inet4Address ipv4) {
                return new NetInterface(name, mac, ipv4.getHostAddress(),
                        NetAddresses.broadcastOf(ipv4, address.getBroadcast(), address.getNetworkPrefixLength()),
                        wolArmed);
            }
        }
        return new NetInterface(name, mac, null, null, wolArmed);
    }
}

package servmon.agent;

import servmon.events.EventLimits;
import servmon.events.MetricReport;
import servmon.events.NetInterface;

import java.util.Comparator;
import java.util.List;

/**
 * Makes a report fit what every consumer accepts ({@link EventLimits}, the constraints on {@link MetricReport}), so
 * that what a machine happens to have (300 virtual interfaces, a host name with a newline, a sensor reading 6000 °C)
 * costs at most a detail, never the whole report: a refused report would make a running server look OFF. Also keeps
 * the encoded report far below the broker's record size limit.
 */
final class ReportFitting {

    /** Interfaces with an IPv4 address first: those are the ones a wake can go through. */
    private static final Comparator<NetInterface> USEFUL_FIRST =
            Comparator.comparing((NetInterface nic) -> nic.ipv4() == null);

    private ReportFitting() {
    }

    static MetricReport fit(MetricReport r) {
        return new MetricReport(r.v(), r.serverId(), r.sampledAt(), r.seq(), r.intervalS(),
                text(r.bootId(), EventLimits.MAX_TOKEN_CHARS), text(r.hostname(), EventLimits.MAX_NAME_CHARS),
                Math.clamp(r.cpuPct(), 0.0, 100.0), within(r.powerW(), 0, EventLimits.MAX_POWER_W), r.powerSource(),
                Math.max(0, r.userCount()), notNegative(r.memUsedBytes()), notNegative(r.memTotalBytes()),
                within(r.load1(), 0, Double.MAX_VALUE), notNegative(r.diskUsedBytes()),
                notNegative(r.diskTotalBytes()), notNegative(r.netRxBytesPerS()), notNegative(r.netTxBytesPerS()),
                within(r.cpuTempC(), -100, 250), notNegative(r.uptimeS()), interfaces(r.interfaces()));
    }

    private static List<NetInterface> interfaces(List<NetInterface> all) {
        return all.stream()
                .sorted(USEFUL_FIRST)
                .limit(EventLimits.MAX_INTERFACES)
                .map(nic -> new NetInterface(text(nic.name(), EventLimits.MAX_TOKEN_CHARS),
                        text(nic.mac(), EventLimits.MAX_TOKEN_CHARS), text(nic.ipv4(), EventLimits.MAX_TOKEN_CHARS),
                        text(nic.broadcast(), EventLimits.MAX_TOKEN_CHARS), nic.wolArmed()))
                .toList();
    }

    /** Control characters shown as '?', and cut to {@code max} characters (never between a surrogate pair). */
    static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        String printable = value.codePoints().anyMatch(Character::isISOControl)
                ? value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                : value;
        if (printable.length() <= max) {
            return printable;
        }
        int end = Character.isHighSurrogate(printable.charAt(max - 1)) ? max - 1 : max;
        return printable.substring(0, end);
    }

    /** A reading outside what the sensor can mean is a read error: reported as unknown. */
    private static Double within(Double value, double min, double max) {
        return value == null || !(value >= min && value <= max) ? null : value;
    }

    private static Long notNegative(Long value) {
        return value == null || value < 0 ? null : value;
    }
}

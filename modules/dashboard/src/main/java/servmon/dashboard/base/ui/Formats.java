package servmon.dashboard.base.ui;

import servmon.events.PowerSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers and times read on the pages, the same everywhere; times on the 24-hour clock, in either language. */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    /** A count with thousands grouped, the same in either language: "10,000". */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    public static String cpu(Double cpuPct) {
        return cpuPct == null ? "–" : String.format(Locale.ROOT, "%.0f %%", cpuPct);
    }

    /** e.g. "42 W est.": the source says how far to trust the figure. */
    public static String power(Double powerW, PowerSource source) {
        if (powerW == null) {
            return "–";
        }
        String watts = String.format(Locale.ROOT, "%.0f W", powerW);
        return source == null ? watts : watts + " " + powerSource(source);
    }

    public static String powerSource(PowerSource source) {
        return Texts.get("format.power-source." + source.name().toLowerCase(Locale.ROOT));
    }

    public static String users(Integer userCount) {
        if (userCount == null) {
            return "–";
        }
        return Texts.get("format.users", userCount);
    }

    public static String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? "–" : DATE_TIME.format(instant.atZone(zone));
    }

    /** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" for null. */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return Texts.get("format.ago.never");
        }
        Duration age = Duration.between(instant, now);
        if (age.isNegative() || age.toSeconds() < 60) {
            return Texts.get("format.ago.seconds", Math.max(0, age.toSeconds()));
        }
        if (age.toMinutes() < 60) {
            return Texts.get("format.ago.minutes", age.toMinutes());
        }
        if (age.toHours() < 48) {
            return Texts.get("format.ago.hours", age.toHours());
        }
        return Texts.get("format.ago.days", age.toDays());
    }
}

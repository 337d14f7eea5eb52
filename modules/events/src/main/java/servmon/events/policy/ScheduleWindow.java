package servmon.events.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a group must be awake, written as people write opening hours: {@code Mon-Fri 08:00-20:00}, {@code Sat
 * 09:00-13:00}, {@code Mon,Wed,Fri 07:30-18:00}, {@code daily 06:00-22:00}. A window that ends before it starts
 * ends the next day ({@code daily 22:00-06:00}); the day names the day it starts.
 */
public record ScheduleWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    private static final Pattern FORM = Pattern.compile("(?i)\\s*([a-z,\\-]+)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
    private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());

    public ScheduleWindow {
        days = Set.copyOf(days);
        if (days.isEmpty() || from.equals(to)) {
            throw new IllegalArgumentException("a schedule window needs at least one day and a start before its end");
        }
    }

    /** @throws IllegalArgumentException with the reason, e.g. for {@code Mon-Fri 8-20} */
    public static ScheduleWindow parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a schedule window reads like 'Mon-Fri 08:00-20:00' (got '" + text + "')");
        }
        try {
            return new ScheduleWindow(days(m.group(1)), LocalTime.parse(pad(m.group(2))), LocalTime.parse(pad(m.group(3))));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("no such time of day in '" + text + "'", e);
        }
    }

    /** Whether the group must be awake at this local time. */
    public boolean contains(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(at.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
        // across midnight: the evening part on a listed day, the morning part on the day after one
        return (days.contains(at.getDayOfWeek()) && !time.isBefore(from))
                || (days.contains(at.getDayOfWeek().minus(1)) && time.isBefore(to));
    }

    /** Whether a window starts within {@code lead} after {@code at} (to wake servers ahead of it). */
    public boolean startsWithin(ZonedDateTime at, Duration lead) {
        ZonedDateTime start = at.with(from);
        for (int day = 0; day <= 1; day++) {
            ZonedDateTime candidate = start.plusDays(day);
            if (days.contains(candidate.getDayOfWeek()) && candidate.isAfter(at)
                    && !candidate.isAfter(at.plus(lead))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", days.stream().sorted().map(d -> d.name().substring(0, 1)
                + d.name().substring(1, 3).toLowerCase(Locale.ROOT)).toList()) + " " + from + "-" + to;
    }

    private static Set<DayOfWeek> days(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : lower.split(",")) {
            String[] range = part.split("-");
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part + "' is not a day or a range of days");
            }
            int first = day(range[0]).ordinal();
            int last = day(range[range.length - 1]).ordinal();
            for (int i = first; ; i = (i + 1) % 7) {  // Fri-Mon wraps over the weekend
                days.add(WEEK.get(i));
                if (i == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (name.length() >= 3 && day.name().toLowerCase(Locale.ROOT).startsWith(name)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a day (Mon, Tue, ... Sun, or daily)");
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}

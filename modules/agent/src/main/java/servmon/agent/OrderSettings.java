package servmon.agent;

import java.util.List;
import java.util.Objects;

/**
 * How this agent carries out the orders it gets on the control topic.
 *
 * @param suspendCommand      run for a {@code SLEEP} order in mode SUSPEND (argv, no shell)
 * @param poweroffCommand     run for a {@code SLEEP} order in mode POWEROFF
 * @param sleepEvenIfNotArmed accept a sleep order although no interface reports "Wake-on: g": ethtool may be
 *                            missing or wrong on this machine while its BIOS wakes it all the same
 * @param relayPort           UDP port of relayed magic packets (9, "discard", unless tests need another)
 */
public record OrderSettings(List<String> suspendCommand, List<String> poweroffCommand, boolean sleepEvenIfNotArmed,
                            int relayPort) {

    public static final OrderSettings DEFAULT =
            new OrderSettings(List.of("systemctl", "suspend"), List.of("systemctl", "poweroff"), false, 9);

    public OrderSettings {
        suspendCommand = requireCommand(suspendCommand, "suspendCommand");
        poweroffCommand = requireCommand(poweroffCommand, "poweroffCommand");
        if (relayPort < 1 || relayPort > 65_535) {
            throw new IllegalArgumentException("relayPort must be 1..65535 (got " + relayPort + ")");
        }
    }

    /** A command line split on white space, as given to --suspend-command; no shell, so no quoting. */
    static List<String> command(String line) {
        return List.of(line.strip().split("\\s+"));
    }

    private static List<String> requireCommand(List<String> command, String name) {
        Objects.requireNonNull(command, name);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException(name + " must name a program");
        }
        return List.copyOf(command);
    }
}

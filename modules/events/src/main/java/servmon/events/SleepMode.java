package servmon.events;

/** How a server is put to sleep: both leave it wakeable by a magic packet when its NIC has WoL armed. */
public enum SleepMode {
    /** Suspend to RAM ({@code systemctl suspend}): back in seconds. */
    SUSPEND,
    /** Power off ({@code systemctl poweroff}): a full boot on wake. */
    POWEROFF
}

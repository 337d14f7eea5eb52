package servmon.dashboard.notify;

/** What an alert is about; {@link #id()} is how webhooks, e-mails and the log name it. */
public enum NotifyRule {
    SERVER_OFF("server-off"),
    WAKE_TIMED_OUT("wake-timed-out"),
    CPU_OVER("cpu-over"),
    POWER_OVER("power-over"),
    KEY_CONFLICT("key-conflict");

    private final String id;

    NotifyRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}

package servmon.dashboard.base.ui;

/**
 * A change refused for a reason the person who asked can act on. The message is the reason in English (for the API
 * and the log); a page shows {@link #reason()} in its viewer's language instead.
 */
public abstract class RefusedException extends RuntimeException {

    private final transient Reason reason;

    protected RefusedException(Reason reason, Throwable cause) {
        super(reason.english(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

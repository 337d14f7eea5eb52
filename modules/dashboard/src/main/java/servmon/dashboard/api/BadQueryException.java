package servmon.dashboard.api;

/** A query parameter of an API request is not acceptable; the message says what would be. */
class BadQueryException extends RuntimeException {

    private final String parameter;

    BadQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}

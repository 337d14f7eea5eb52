package servmon.agent;

/** The command line or the key cannot be used; the message says what to change. Exit code 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}

package servmon.agent;

import servmon.events.ServerKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the server key as the original client did: the one given on the command line, else the remembered one,
 * else ask once ({@link KeyPrompt}: at the terminal without echo, else one line of standard input).
 */
final class KeyResolver {

    private KeyResolver() {
    }

    /** @param prompt who to ask when no key is given or remembered; null when nobody can be asked */
    static ServerKey resolve(String fromCommandLine, Path keyFile, KeyPrompt prompt) throws UsageException {
        if (fromCommandLine != null) {
            return parse(fromCommandLine, "--key");
        }
        Optional<ServerKey> saved = remembered(keyFile);
        if (saved.isPresent()) {
            return saved.get();
        }
        if (prompt == null) {
            throw new UsageException("no server key: pass --key KEY (shown by the dashboard's Add Server page)"
                    + " or put it in " + keyFile);
        }
        String typed = prompt.ask();
        if (typed.isBlank()) {
            throw new UsageException("no server key given: copy it from the dashboard's Add Server page");
        }
        return parse(typed.strip(), "the key given");
    }

    /** The key saved by an earlier run, if any. */
    static Optional<ServerKey> remembered(Path keyFile) throws UsageException {
        try {
            return KeyFile.read(keyFile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the key file " + keyFile + " does not hold a valid key (" + e.getMessage()
                    + "): delete it, or pass --key KEY");
        } catch (IOException e) {
            throw new UsageException("cannot read the key file " + keyFile + ": " + e.getMessage());
        }
    }

    private static ServerKey parse(String value, String where) throws UsageException {
        try {
            return ServerKey.of(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + " is not a server key: " + e.getMessage());
        }
    }
}

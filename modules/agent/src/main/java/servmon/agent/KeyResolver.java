package servmon.agent;

import servmon.events.ServerKey;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the server key as the original client did: the one given on the command line, else the remembered one,
 * else ask the person at the console once.
 */
final class KeyResolver {

    static final String PROMPT = "Server key (shown by the dashboard's Add Server page): ";

    private KeyResolver() {
    }

    static ServerKey resolve(String fromCommandLine, Path keyFile, Console console) throws UsageException {
        if (fromCommandLine != null) {
            return parse(fromCommandLine, "--key");
        }
        Optional<ServerKey> saved;
        try {
            saved = KeyFile.read(keyFile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the key file " + keyFile + " does not hold a valid key (" + e.getMessage()
                    + "): delete it, or pass --key KEY");
        } catch (IOException e) {
            throw new UsageException("cannot read the key file " + keyFile + ": " + e.getMessage());
        }
        if (saved.isPresent()) {
            return saved.get();
        }
        if (console == null) {
            throw new UsageException("no server key: pass --key KEY (shown by the dashboard's Add Server page)"
                    + " or put it in " + keyFile);
        }
        String typed = console.readLine(PROMPT);
        if (typed == null || typed.isBlank()) {
            throw new UsageException("no server key given: copy it from the dashboard's Add Server page");
        }
        return parse(typed.strip(), "the key typed");
    }

    /** The console if a person can type at it. Since Java 22 System.console() is not null when redirected. */
    static Console interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (NoSuchMethodException e) {
            return console;  // Java 21: a non-null console is a terminal
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ServerKey parse(String value, String where) throws UsageException {
        try {
            return ServerKey.of(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + " is not a server id: " + e.getMessage());
        }
    }
}

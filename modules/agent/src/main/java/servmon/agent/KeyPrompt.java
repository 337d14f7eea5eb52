package servmon.agent;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Asks for the server key once. At a terminal the key is typed without echo ({@link Console#readPassword}), since it
 * is a secret; without one (a script, a pipe) it is read as one line from standard input, so that
 * {@code printf '%s\n' "$KEY" | servmon-agent} keeps it out of {@code ps} and the shell history. An empty standard
 * input (a service, {@code </dev/null}) is a usage error with advice.
 */
final class KeyPrompt {

    static final String PROMPT = "Server key (shown by the dashboard's Add Server page, not echoed): ";

    /** Reads a line without echo after printing the prompt; null when there is no terminal. */
    private final Function<String, char[]> terminal;
    private final InputStream stdin;
    private final PrintWriter err;

    KeyPrompt(Function<String, char[]> terminal, InputStream stdin, PrintWriter err) {
        this.terminal = terminal;
        this.stdin = stdin;
        this.err = err;
    }

    /** The terminal of this process if a person can type at it, else its standard input. */
    static KeyPrompt forThisProcess(PrintWriter err) {
        Console console = interactiveConsole();
        return new KeyPrompt(console == null ? null : prompt -> console.readPassword("%s", prompt), System.in, err);
    }

    /** The key as typed or piped, not yet checked. */
    String ask() throws UsageException {
        if (terminal != null) {
            char[] typed = terminal.apply(PROMPT);
            if (typed == null) {
                throw new UsageException("no server key given: copy it from the dashboard's Add Server page");
            }
            try {
                return new String(typed);
            } finally {
                Arrays.fill(typed, '\0');
            }
        }
        err.println("servmon-agent: no terminal: reading the server key from standard input (one line)");
        err.flush();
        String line;
        try {
            // not closed: the stream is the process's standard input
            line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UsageException("cannot read the server key from standard input: " + e.getMessage());
        }
        if (line == null || line.isBlank()) {
            throw new UsageException("no server key: standard input was empty and there is no terminal to ask at;"
                    + " pass --key-file FILE, pipe the key (printf '%s\\n' KEY | servmon-agent ...) or pass --key KEY");
        }
        return line;
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
}

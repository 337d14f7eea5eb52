package servmon.agent;

import java.io.PrintWriter;

/**
 * {@code java -jar servmon-agent-all.jar [run|status|simulate] [options]} ({@link AgentCli}); {@code ./servmon agent}
 * and the standalone jar's {@code agent} command come here.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(AgentCli.forThisProcess().execute(new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }
}

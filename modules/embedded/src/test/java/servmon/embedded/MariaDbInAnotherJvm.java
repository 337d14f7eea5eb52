package servmon.embedded;

import java.nio.file.Path;

/**
 * A JVM that only runs an embedded MariaDB on the folder it is given, so that a test can kill it with -9 as an
 * operator or the OOM killer would kill {@code ./servmon run}. Prints the server's pid once it is up.
 */
public final class MariaDbInAnotherJvm {

    static final String READY = "mariadb-up pid=";

    private MariaDbInAnotherJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), 0, "app", "64M");
        System.out.println(READY + db.serverProcess().pid());
        System.out.flush();
        Thread.currentThread().join();  // until killed
    }
}

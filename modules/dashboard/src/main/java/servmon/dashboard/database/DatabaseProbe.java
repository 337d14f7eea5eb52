package servmon.dashboard.database;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tries a fresh connection every probe interval. Fresh, not from the pool: a pool waits its whole connection
 * timeout for a database that refuses, and a pooled connection can look alive after the server died; a new
 * connection says "refused" at once and "back" as soon as the database listens again.
 */
@Component
@EnableConfigurationProperties(DatabaseHealthProperties.class)
class DatabaseProbe implements SmartLifecycle {

    private final DatabaseHealth health;
    private final DataSourceProperties dataSource;
    private final DatabaseHealthProperties properties;
    // the pool's driver, asked directly: DriverManager's lookup by caller class loader is fragile in a nested jar
    private final Driver driver;
    private ScheduledExecutorService prober;

    DatabaseProbe(DatabaseHealth health, DataSourceProperties dataSource, DatabaseHealthProperties properties)
            throws ReflectiveOperationException {
        this.health = health;
        this.dataSource = dataSource;
        this.properties = properties;
        this.driver = (Driver) ClassUtils.forName(dataSource.determineDriverClassName(), getClass().getClassLoader())
                .getDeclaredConstructor().newInstance();
    }

    void probe() {
        Properties login = new Properties();
        login.setProperty("user", dataSource.determineUsername() == null ? "" : dataSource.determineUsername());
        login.setProperty("password", dataSource.determinePassword() == null ? "" : dataSource.determinePassword());
        // Connector/J's own limits, so that a server that accepts but does not answer cannot hold the probe
        String timeoutMillis = String.valueOf(properties.probeTimeout().toMillis());
        login.setProperty("connectTimeout", timeoutMillis);
        login.setProperty("socketTimeout", timeoutMillis);
        try (Connection connection = driver.connect(dataSource.determineUrl(), login)) {
            if (connection == null) {
                throw new SQLException("driver " + driver.getClass().getName() + " does not take the URL");
            }
            if (connection.isValid((int) Math.max(1, properties.probeTimeout().toSeconds()))) {
                health.available();
            } else {
                health.unavailable(new SQLException("the database did not answer a ping"));
            }
        } catch (SQLException | RuntimeException e) {
            health.unavailable(e);
        }
    }

    @Override
    public synchronized void start() {
        prober = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("database-probe").daemon().factory());
        long every = properties.probeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (prober != null) {
            prober.shutdownNow();
            prober = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return prober != null;
    }
}

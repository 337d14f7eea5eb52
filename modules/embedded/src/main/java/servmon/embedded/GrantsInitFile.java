package servmon.embedded;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL MariaDB runs at each start (--init-file, with every privilege, before it listens) to lock the server:
 * only the servmon user may log in, with its password and rights on its own database alone (no FILE, SUPER or
 * any other global privilege); root is locked. The same statements turn a data folder made by an older servmon,
 * which ran MariaDB with --skip-grant-tables, into a locked one, and tolerate a second run: they are the upgrade.
 */
final class GrantsInitFile {

    static final String USER = "servmon";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private GrantsInitFile() {
    }

    /** One statement per line: how MariaDB reads an init file. */
    static String sql(String database, String passwordHash) {
        if (!PLAIN_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must be letters, digits and _ (got '" + database + "')");
        }
        String accounts = "'" + USER + "'@'127.0.0.1', '" + USER + "'@'localhost'";
        List<String> statements = List.of(
                // mariadb-install-db leaves anonymous users, a socket user named after the OS account, and a test
                // database every account may write: gone. Kept: root (locked below), the system account owning
                // the sys views, the PUBLIC role's entry, and ours.
                "DELETE FROM mysql.global_priv WHERE NOT ((Host = 'localhost' AND User IN ('root', 'mariadb.sys', '"
                        + USER + "')) OR (Host = '127.0.0.1' AND User = '" + USER + "') OR (Host = '' AND User = 'PUBLIC'))",
                "DELETE FROM mysql.db WHERE User NOT IN ('mariadb.sys', '" + USER + "')",
                "DELETE FROM mysql.tables_priv WHERE User NOT IN ('mariadb.sys', '" + USER + "')",
                "DELETE FROM mysql.columns_priv WHERE User NOT IN ('mariadb.sys', '" + USER + "')",
                "DELETE FROM mysql.procs_priv WHERE User NOT IN ('mariadb.sys', '" + USER + "')",
                "DELETE FROM mysql.proxies_priv WHERE NOT (Host = 'localhost' AND User = 'root')",
                "DELETE FROM mysql.roles_mapping",
                "FLUSH PRIVILEGES",
                "DROP DATABASE IF EXISTS test",
                "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4",
                "CREATE USER IF NOT EXISTS " + accounts,
                // The hash, not the password: this file is on disk for the seconds of a start.
                "ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY PASSWORD '" + passwordHash + "' ACCOUNT UNLOCK",
                "ALTER USER '" + USER + "'@'localhost' IDENTIFIED BY PASSWORD '" + passwordHash + "' ACCOUNT UNLOCK",
                // from scratch each start, so that whatever a past version or a hand granted is not kept
                "REVOKE ALL PRIVILEGES, GRANT OPTION FROM " + accounts,
                // ALL on one database holds no global privilege: no FILE (INTO DUMPFILE, LOAD_FILE), SUPER,
                // CREATE USER or access to the mysql schema.
                "GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + accounts,
                // Nobody logs in as root, not even the OS root over the socket (unix_socket): this init file is
                // how servmon administers the server.
                "ALTER USER 'root'@'localhost' ACCOUNT LOCK");
        return String.join(";\n", statements) + ";\n";
    }
}

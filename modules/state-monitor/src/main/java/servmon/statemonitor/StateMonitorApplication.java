package servmon.statemonitor;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import servmon.events.EventCodec;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

/**
 * The state monitor: a Kafka Streams application that decides each registered server's state (EMPTY, ON, OFF,
 * WAKING) from its reports, wake commands and silence, and publishes every change on the server-state topic.
 * Needs Kafka only, no database.
 */
@SpringBootApplication(excludeName = {
        // In the standalone JVM the other services' JDBC, JPA, Flyway, Security and Vaadin sit on the classpath;
        // none of them is ours, and a DataSource without a URL would even stop the start.
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "com.vaadin.flow.spring.SpringBootAutoConfiguration",
        "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
        "com.vaadin.flow.spring.VaadinScopesConfig"})
@EnableConfigurationProperties(StateMonitorProperties.class)
public class StateMonitorApplication {

    /**
     * The state monitor as the standalone module and {@link #main} start it: a web
     * server for the management port only (health, readiness, metrics), settings from {@code state-monitor.yml}
     * (not application.yml, which would collide with the other services in one JVM).
     * Pass {@code --spring.kafka.bootstrap-servers=…}, optionally {@code --spring.kafka.streams.state-dir=…} and any
     * {@code --servmon.state-monitor.*} to {@code run(…)}.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(StateMonitorApplication.class)
                .properties("spring.config.name=state-monitor")
                .web(WebApplicationType.SERVLET);
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Every servmon topic that is missing is created at start, before the streams start (KafkaAdmin). */
    @Bean
    KafkaAdmin.NewTopics servmonTopics(StateMonitorProperties props, int servmonPartitions) {
        return new KafkaAdmin.NewTopics(Topics.newTopics((short) props.topicReplicas(), servmonPartitions)
                .toArray(NewTopic[]::new));
    }

    /**
     * The partition count of this installation's topics, asked of the broker once: an older installation may have
     * fewer than a new one gets, and both the topics made here and the topology's rerouting must follow it.
     */
    @Bean
    Integer servmonPartitions(KafkaAdmin admin) {
        return TopicProvisioner.partitionsInUse(admin.getConfigurationProperties());
    }

    /**
     * Every decode in this process refuses instants further ahead of this clock than the allowed skew, as the
     * ingestor's does; set before the streams start.
     */
    @Bean
    SmartInitializingSingleton eventClockSkew(StateMonitorProperties props) {
        return () -> EventCodec.useMaxClockSkew(props.maxClockSkew());
    }

    @Bean
    TickPublisher tickPublisher(KafkaProperties kafka, StateMonitorProperties props) {
        return new TickPublisher(kafka.buildProducerProperties(), props.tickInterval());
    }

    @Bean
    StateMonitorStreams stateMonitorStreams(KafkaProperties kafka, StateMonitorProperties props,
                                            MeterRegistry registry, int servmonPartitions) {
        return new StateMonitorStreams(StateMonitorTopology.buildTopology(props, new StateTransitions(registry),
                        new DeadLetterCounts(registry), servmonPartitions),
                StateMonitorStreams.config(kafka.buildStreamsProperties(), props), registry);
    }
}

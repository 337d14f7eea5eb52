package servmon.ingestor;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import servmon.events.EventCodec;
import servmon.store.schema.SchemaMigration;

import java.time.Clock;

/**
 * The ingestor: the only writer of telemetry tables. Consumes metric reports, server states and wake results,
 * writes them with JDBC batches, dead-letters what it refuses and answers agents' enrollment.
 */
@SpringBootApplication(excludeName = {
        // JDBC only: the store module brings JPA for the dashboard, but Hibernate must never boot here.
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        // In the standalone JVM the dashboard's Vaadin and Spring Security sit on the same classpath; not ours.
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "com.vaadin.flow.spring.SpringBootAutoConfiguration",
        "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
        "com.vaadin.flow.spring.VaadinScopesConfig"})
@EnableConfigurationProperties(IngestorProperties.class)
// Flyway one service at a time, after clearing an install a kill interrupted
@Import(SchemaMigration.class)
@EnableScheduling
public class IngestorApplication {

    /**
     * The ingestor as the standalone module and {@link #main} start it: a web
     * server for the management port only (health, readiness, metrics), settings from {@code ingestor.yml}
     * (not application.yml, which would collide with the other services in one JVM).
     * Pass {@code --spring.kafka.bootstrap-servers=…}, {@code --spring.datasource.url=…} (and username/password)
     * and any {@code --servmon.ingestor.*} to {@code run(…)}.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestorApplication.class)
                .properties("spring.config.name=ingestor")
                .web(WebApplicationType.SERVLET);
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * Every decode in this process (all listeners) refuses instants further ahead of this clock than the allowed
     * skew; set before the listeners start.
     */
    @Bean
    SmartInitializingSingleton eventClockSkew(IngestorProperties properties) {
        return () -> EventCodec.useMaxClockSkew(properties.maxClockSkew());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

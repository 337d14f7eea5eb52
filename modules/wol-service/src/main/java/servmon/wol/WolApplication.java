package servmon.wol;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import servmon.wol.packet.MagicPacketSender;

import org.springframework.scheduling.annotation.EnableScheduling;

import servmon.events.policy.PolicySettings;

import java.time.Clock;

/**
 * The wol-service: turns wake commands into magic packets and publishes what it did as wake results.
 * Needs Kafka only, no database.
 */
@SpringBootApplication(excludeName = {
        // In the standalone JVM the store's JDBC/JPA/Flyway and the dashboard's Vaadin and Spring Security sit on
        // the same classpath; none of them is ours, and a DataSource without a URL would stop the start.
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
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
@EnableConfigurationProperties({WolProperties.class, PolicySettings.class})
@EnableScheduling
public class WolApplication {

    /**
     * The wol-service as the standalone module and {@link #main} start it: a web
     * server for the management port only (health, readiness, metrics), settings from {@code wol-service.yml}
     * (not application.yml, which would collide with the other services in one JVM).
     * Pass {@code --spring.kafka.bootstrap-servers=…} and any {@code --servmon.wol.*} to {@code run(…)}.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WolApplication.class)
                .properties("spring.config.name=wol-service")
                .web(WebApplicationType.SERVLET);
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MagicPacketSender magicPacketSender(WolProperties properties) {
        return new MagicPacketSender(properties.repeat(), properties.repeatGap());
    }
}

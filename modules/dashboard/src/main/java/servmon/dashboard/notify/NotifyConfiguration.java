package servmon.dashboard.notify;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications: the rules, fed from Kafka, and their channels. Off with {@code servmon.notify.enabled=false}; the
 * log and the maintenance windows (and so the page) are there either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "servmon.notify.enabled", matchIfMissing = true)
    static class Raising {

        @Bean
        AlertDispatcher alertDispatcher(NotifyProperties properties, JsonMapper json,
                                        ObjectProvider<JavaMailSender> mail, NotificationLog sent,
                                        MaintenanceWindows maintenance) {
            return new AlertDispatcher(channels(properties, json, mail), sent, maintenance, properties.delivery(),
                    Clock.systemUTC());
        }

        @Bean
        AlertSources alertSources(NotifyProperties properties, JdbcClient jdbc, AlertDispatcher dispatcher,
                                  MeterRegistry registry) {
            ServerDirectory servers = new ServerDirectory(jdbc);
            return new AlertSources(new AlertRules(properties.rules(), Clock.systemUTC()), servers,
                    new ReportSignatures(servers, registry), dispatcher, Clock.systemUTC());
        }

        /**
         * Starts the reports listener, which does not start with the others, when a CPU or power rule needs the
         * fleet's reports; the listener registry stops it with the others.
         */
        @Bean
        ApplicationListener<ContextRefreshedEvent> reportsListenerStart(NotifyProperties properties,
                                                                        KafkaListenerEndpointRegistry listeners) {
            return refreshed -> {
                if (properties.rules().needReports()) {
                    listeners.getListenerContainer(AlertSources.REPORTS).start();
                }
            };
        }

        @Bean
        OffCheck offCheck(AlertSources sources, NotifyProperties properties) {
            return new OffCheck(sources, properties.checkInterval());
        }

        private static List<NotificationChannel> channels(NotifyProperties properties, JsonMapper json,
                                                          ObjectProvider<JavaMailSender> mail) {
            List<NotificationChannel> channels = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(properties.delivery().timeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            for (NotifyProperties.Webhook webhook : properties.webhooks()) {
                channels.add(new WebhookChannel(webhook, properties.delivery().timeout(), http, json));
            }
            if (!properties.email().to().isEmpty()) {
                JavaMailSender sender = mail.getIfAvailable();
                if (sender == null) {
                    throw new IllegalStateException("servmon.notify.email.to is set but no mail server is: set "
                            + "spring.mail.host (and spring.mail.port, username, password as needed)");
                }
                channels.add(new EmailChannel(sender, properties.email()));
            }
            return channels;
        }
    }
}

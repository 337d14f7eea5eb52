package servmon.wol;

import org.apache.kafka.clients.admin.NewTopic;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import servmon.events.EventSerializer;
import servmon.events.AgentControl;
import servmon.events.InvalidEventException;
import servmon.events.TopicProvisioner;
import servmon.events.ServmonEvent;
import servmon.events.Topics;
import servmon.events.WakeResult;

/**
 * Topics, the wake-result producer and how a failed or invalid record is retried or dead-lettered; the rest is Boot
 * and wol-service.yml.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Creates the servmon topics that are missing when the wol-service starts, whatever the start order. */
    @Bean
    KafkaAdmin.NewTopics servmonTopics(WolProperties properties, KafkaAdmin admin) {
        return new KafkaAdmin.NewTopics(Topics.newTopics((short) properties.topicReplicas(),
                TopicProvisioner.partitionsInUse(admin.getConfigurationProperties())).toArray(NewTopic[]::new));
    }

    /** A bean, so its producer is closed when the context closes (the standalone JVM outlives it). */
    @Bean
    ProducerFactory<String, WakeResult> wakeResultProducerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), new EventSerializer<WakeResult>());
    }

    @Bean
    KafkaTemplate<String, WakeResult> wakeResultTemplate(ProducerFactory<String, WakeResult> wakeResultProducerFactory) {
        KafkaTemplate<String, WakeResult> template = new KafkaTemplate<>(wakeResultProducerFactory);
        // Send failures are logged without key or value: a server key is a secret.
        LoggingProducerListener<String, WakeResult> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        return template;
    }

    /** Orders to agents (sleep, relay), on the agent-control topic. */
    @Bean
    KafkaTemplate<String, AgentControl> agentControlTemplate(KafkaProperties kafka) {
        KafkaTemplate<String, AgentControl> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new EventSerializer<AgentControl>()));
        LoggingProducerListener<String, AgentControl> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        return template;
    }

    /** Sleep and wake commands the power policies give, on the topics any client gives them on. */
    @Bean
    KafkaTemplate<String, ServmonEvent> policyCommandTemplate(KafkaProperties kafka) {
        KafkaTemplate<String, ServmonEvent> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new EventSerializer<ServmonEvent>()));
        LoggingProducerListener<String, ServmonEvent> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        return template;
    }

    /** The key as the listeners read it (a string), the value as received: raw bytes. */
    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer()));
        LoggingProducerListener<String, byte[]> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        return template;
    }

    /**
     * A record that is not a valid event goes to its topic's dead-letter topic at once. Any other failure (a result
     * that could not be published) is retried, packets included (waking twice is harmless), for about two minutes,
     * then dead-lettered too, so one record never blocks its partition; while the broker is away the dead letter
     * cannot be sent either, and the record is retried until it is back.
     */
    @Bean
    CommonErrorHandler wakeCommandErrorHandler(KafkaTemplate<String, byte[]> deadLetterTemplate,
                                               MeterRegistry registry) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(15_000);
        backOff.setMaxElapsedTime(120_000);
        DefaultErrorHandler handler =
                new DefaultErrorHandler(new DeadLetterRecoverer(deadLetterTemplate, registry), backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }
}

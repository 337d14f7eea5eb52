package servmon.ingestor;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.RetryListener;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

/** Topics, and how listener containers handle failures; the rest is Boot's auto-configuration and ingestor.yml. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Creates the servmon topics that are missing when the ingestor starts, whatever the start order. */
    @Bean
    KafkaAdmin.NewTopics servmonTopics(IngestorProperties properties, int servmonPartitions) {
        return new KafkaAdmin.NewTopics(Topics.newTopics((short) properties.topicReplicas(), servmonPartitions)
                .toArray(NewTopic[]::new));
    }

    /**
     * The partition count of this installation's topics (fewer than {@link Topics#PARTITIONS} in one made by an older
     * version); the listeners that read every partition themselves take it from here.
     */
    @Bean
    Integer servmonPartitions(KafkaAdmin admin) {
        return TopicProvisioner.partitionsInUse(admin.getConfigurationProperties());
    }

    /** Send failures are logged without key or value: a server key is a secret (spring-kafka's default logs both). */
    @Bean
    LoggingProducerListener<Object, Object> producerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }

    /** Picked up by Boot's listener container factory for every @KafkaListener of the ingestor. */
    @Bean
    CommonErrorHandler batchRetryErrorHandler(IngestorProperties properties, ObjectProvider<RetryListener> observers) {
        return BatchRetry.errorHandler(properties.retry(), observers.orderedStream().toList());
    }

    /**
     * For listeners that read a whole compacted topic from the beginning on every start (each instance needs all of
     * it): they are assigned every partition and commit nothing, so they leave no consumer group behind.
     */
    @Bean
    ContainerPostProcessor<String, byte[], AbstractMessageListenerContainer<String, byte[]>> commitNothing() {
        return container -> container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    }
}

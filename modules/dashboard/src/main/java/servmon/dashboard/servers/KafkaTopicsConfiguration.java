package servmon.dashboard.servers;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.LoggingProducerListener;
import servmon.dashboard.DashboardProperties;
import servmon.events.TopicProvisioner;
import servmon.events.Topics;

@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    /** Spring's KafkaAdmin creates the servmon topics that are missing at start, so start order does not matter. */
    @Bean
    KafkaAdmin.NewTopics servmonTopics(DashboardProperties properties, KafkaAdmin admin) {
        return new KafkaAdmin.NewTopics(Topics.newTopics((short) properties.topicReplicas(),
                TopicProvisioner.partitionsInUse(admin.getConfigurationProperties())).toArray(NewTopic[]::new));
    }

    /** Send failures are logged without key or value: a server key is a secret (spring-kafka's default logs both). */
    @Bean
    LoggingProducerListener<Object, Object> producerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}

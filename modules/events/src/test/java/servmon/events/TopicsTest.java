package servmon.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void names_follow_the_design() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactly(
                "servmon.metrics.v1", "servmon.servers.v1", "servmon.server-state.v1", "servmon.wake-commands.v1",
                "servmon.wake-results.v1", "servmon.agent-control.v1", "servmon.sleep-commands.v1",
                "servmon.agent-replies.v1", "servmon.power-policies.v1", "servmon.monitor-ticks.v1",
                "servmon.monitor-rerouted.v1", "servmon.metrics.v1.dlt", "servmon.servers.v1.dlt",
                "servmon.server-state.v1.dlt", "servmon.wake-commands.v1.dlt", "servmon.wake-results.v1.dlt",
                "servmon.agent-control.v1.dlt", "servmon.sleep-commands.v1.dlt", "servmon.agent-replies.v1.dlt",
                "servmon.power-policies.v1.dlt");
    }

    @Test
    void tables_are_compacted_and_streams_expire() {
        NewTopic servers = Topics.SERVERS.toNewTopic((short) 1);
        NewTopic metrics = Topics.METRICS.toNewTopic((short) 1);

        assertThat(servers.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(metrics.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
    }

    @Test
    void every_event_topic_has_its_own_dead_letter_topic() {
        assertThat(Topics.ALL).filteredOn(topic -> topic.valueType() != null)
                .allSatisfy(topic -> assertThat(Topics.deadLetterOf(topic.name()).name())
                        .isEqualTo(topic.name() + ".dlt"));
        assertThat(Topics.ALL).contains(Topics.deadLetterOf(Topics.SERVER_STATE.name()));
    }

    @Test
    void keyed_topics_are_co_partitioned() {
        assertThat(Topics.ALL).extracting(TopicSpec::partitions).containsOnly(Topics.PARTITIONS);
    }
}

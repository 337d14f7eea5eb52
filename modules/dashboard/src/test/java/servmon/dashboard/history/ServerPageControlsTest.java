package servmon.dashboard.history;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.ServerId;
import servmon.events.ServerKey;
import servmon.events.ServerRegistered;
import servmon.events.ServmonEvent;
import servmon.events.SigningSecret;
import servmon.events.SleepCommand;
import servmon.events.SleepMode;
import servmon.events.Topics;
import servmon.events.WakeCommand;
import servmon.store.server.ServerRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An admin's server page: Wake, Sleep, editing and a new key, on the real broker and database. */
@WithMockUser(username = "admin", roles = "ADMIN")
class ServerPageControlsTest extends DashboardTestSupport {

    @Autowired
    ServerRegistry registry;
    @Autowired
    ServerRepository servers;

    @Test
    void wake_shows_only_where_a_mac_is_known_and_publishes_a_wake_command() {
        RegisteredServer unknownMac = registry.register(uniqueName("no-mac"), null);
        HistoryView view = open(unknownMac);
        assertThat(view.powerButtons().wakeButton().isVisible()).as("a magic packet needs a MAC").isFalse();

        RegisteredServer server = registry.register(uniqueName("wakeable"), "aa:bb:cc:dd:ee:10");
        view = open(server);
        test(view.powerButtons().wakeButton()).click();

        WakeCommand command = decode(records(Topics.WAKE_COMMANDS, server.serverId()).getFirst(), WakeCommand.class);
        assertThat(command.requestedBy()).isEqualTo("admin");
    }

    @Test
    void sleep_asks_first_with_staying_awake_as_the_default_answer() {
        RegisteredServer server = registry.register(uniqueName("sleepy"), null);
        HistoryView view = open(server);

        test(view.powerButtons().sleepButton()).click();
        test(find(ConfirmDialog.class).single()).confirm();  // the default button: "Keep it awake"
        assertThat(records(Topics.SLEEP_COMMANDS, server.serverId())).as("nothing ordered").isEmpty();

        test(view.powerButtons().sleepButton()).click();
        test(find(ConfirmDialog.class).last()).reject();  // "Sleep"

        List<ConsumerRecord<String, byte[]>> orders = records(Topics.SLEEP_COMMANDS, server.serverId());
        assertThat(orders).hasSize(1);
        SleepCommand command = decode(orders.getFirst(), SleepCommand.class);
        assertThat(command.mode()).isEqualTo(SleepMode.SUSPEND);
        assertThat(command.force()).isFalse();
    }

    @Test
    void editing_name_mac_and_group_stores_them_and_publishes_the_registration_again() {
        RegisteredServer server = registry.register(uniqueName("before"), null, "rack-1");
        HistoryView view = open(server);
        String newName = uniqueName("after");

        test(find(com.vaadin.flow.component.button.Button.class).withId("edit-server").single()).click();
        ServerEditForm form = view.editForm();
        assertThat(form.isVisible()).isTrue();
        assertThat(form.nameField().getValue()).isEqualTo(server.name());
        assertThat(form.groupField().getValue()).isEqualTo("rack-1");
        test(form.nameField()).setValue(newName);
        test(form.macField()).setValue("AA-BB-CC-DD-EE-11");
        test(form.groupField()).setValue("rack-2");
        form.save();

        assertThat(form.isVisible()).isFalse();
        var row = servers.findById(server.id()).orElseThrow();
        assertThat(row.getName()).isEqualTo(newName);
        assertThat(row.getMac()).as("as agents report MACs").isEqualTo("aa:bb:cc:dd:ee:11");
        assertThat(row.getSite()).isEqualTo("rack-2");
        assertThat(row.getPublicId()).as("the key stays").isEqualTo(server.serverId().value());
        assertThat(view.getPageTitle()).startsWith(newName);
        ServerRegistered last = decode(records(Topics.SERVERS, server.serverId()).getLast(), ServerRegistered.class);
        assertThat(last.name()).isEqualTo(newName);
        assertThat(last.mac()).isEqualTo("aa:bb:cc:dd:ee:11");
        assertThat(last.group()).isEqualTo("rack-2");
        assertThat(last.rowId()).isEqualTo(server.id());
        assertThat(view.powerButtons().wakeButton().isVisible()).as("a MAC is known now").isTrue();
    }

    @Test
    void a_refused_edit_says_why_on_its_field_and_changes_nothing() {
        RegisteredServer taken = registry.register(uniqueName("taken"), null);
        RegisteredServer server = registry.register(uniqueName("kept"), null);
        HistoryView view = open(server);
        ServerEditForm form = view.editForm();

        form.open(new ServerFacts(server.id(), server.name(), null, null, "EMPTY", null, false));
        test(form.macField()).setValue("not a mac");
        form.save();
        assertThat(form.macField().isInvalid()).isTrue();
        assertThat(form.macField().getErrorMessage()).contains("aa:bb:cc:dd:ee:ff");

        test(form.macField()).setValue("");
        test(form.nameField()).setValue(taken.name());
        form.save();
        assertThat(form.nameField().isInvalid()).isTrue();
        assertThat(form.nameField().getErrorMessage()).isEqualTo("a server named " + taken.name() + " already exists");

        test(form.nameField()).setValue("x".repeat(101));
        form.save();
        assertThat(form.nameField().getErrorMessage()).startsWith("name must be at most 100 characters");
        assertThat(form.isVisible()).isTrue();
        assertThat(servers.findById(server.id()).orElseThrow().getName()).isEqualTo(server.name());
        assertThat(records(Topics.SERVERS, server.serverId())).as("only the registration of Add").hasSize(1);
    }

    @Test
    void a_refused_edit_says_why_in_korean_on_a_korean_page() {
        RegisteredServer taken = registry.register(uniqueName("taken"), null);
        RegisteredServer server = registry.register(uniqueName("kept"), null);
        UI.getCurrent().setLocale(Locale.KOREAN);
        ServerEditForm form = open(server).editForm();

        form.open(new ServerFacts(server.id(), server.name(), null, null, "EMPTY", null, false));
        test(form.nameField()).setValue(taken.name());
        form.save();

        assertThat(form.nameField().isInvalid()).isTrue();
        assertThat(form.nameField().getErrorMessage()).isEqualTo(taken.name() + "(이)라는 서버가 이미 있습니다");
        test(form.nameField()).setValue(server.name());
        test(form.groupField()).setValue("rack\t1");
        form.save();
        assertThat(form.groupField().getErrorMessage()).isEqualTo("그룹에 제어 문자를 쓸 수 없습니다");
    }

    @Test
    void a_new_key_is_shown_once_and_replaces_the_old_registration_while_the_history_stays() {
        RegisteredServer server = registry.register(uniqueName("rotated"), null);
        addSample(server.id(), Instant.parse("2026-03-05T10:00:00Z"), 42.0, 120.0, 1);
        HistoryView view = open(server);
        KeyRotation rotation = view.keyRotation();
        var rotate = find(com.vaadin.flow.component.button.Button.class).withId("rotate-key").single();

        test(rotate).click();
        test(find(ConfirmDialog.class).single()).confirm();  // the default button: "Keep the current key"
        assertThat(rotation.shownKey()).isNull();
        assertThat(servers.findById(server.id()).orElseThrow().getPublicId()).isEqualTo(server.serverId().value());

        test(rotate).click();
        test(find(ConfirmDialog.class).last()).reject();  // "Make a new key"

        ServerKey key = ServerKey.of(rotation.shownKey());
        ServerId newId = ServerId.of(key);
        assertThat(newId).isNotEqualTo(server.serverId());
        var row = servers.findById(server.id()).orElseThrow();
        assertThat(row.getPublicId()).as("the same row, a new public id").isEqualTo(newId.value());
        assertThat(row.getSigningSecret()).isEqualTo(SigningSecret.of(key).toText());
        // the old id is forgotten by every service (a tombstone), the new one registered with the new secret
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(records(Topics.SERVERS, server.serverId()).getLast().value()).isNull();
            ServerRegistered registered = decode(records(Topics.SERVERS, newId).getLast(), ServerRegistered.class);
            assertThat(registered.rowId()).isEqualTo(server.id());
            assertThat(registered.signingSecret()).isEqualTo(SigningSecret.of(key));
        });
        // the new key is what a wake now goes out under, and the history stayed with the row
        test(view.powerButtons().wakeButton()).click();
        assertThat(records(Topics.WAKE_COMMANDS, newId)).hasSize(1);
        assertThat(view.cpuChart().points()).extracting(SamplePoint::value).containsExactly(42.0);

        rotation.copied();  // as the browser answers a successful copy
        assertThat(rotation.copyFeedback()).isEqualTo("Copied");
        rotation.copyFailed();
        assertThat(rotation.copyFeedback()).startsWith("Could not copy");
        HistoryView again = open(server);
        assertThat(again.keyRotation().shownKey()).as("shown once: gone when the page is opened again").isNull();
    }

    private HistoryView open(RegisteredServer server) {
        return navigate(HistoryView.class, Map.of("id", Long.toString(server.id())));
    }

    private static List<ConsumerRecord<String, byte[]>> records(servmon.events.TopicSpec topic, ServerId key) {
        return TopicRecords.of(topic.name(), key.value());
    }

    private static <T extends ServmonEvent> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return EventCodec.decode(record.value(), type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package servmon.dashboard.servers;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.embedded.TopicRecords;
import servmon.events.EventCodec;
import servmon.events.ServerRegistered;
import java.nio.charset.StandardCharsets;
import servmon.events.SigningSecret;
import servmon.events.ServerKey;
import servmon.events.ServerId;
import servmon.events.Topics;
import servmon.store.server.ServerRepository;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@WithMockUser(username = "admin", roles = "ADMIN")
class AddServerViewTest extends DashboardTestSupport {

    @Autowired
    ServerRepository servers;
    @Autowired
    ServerRegistry registry;

    @Test
    void adding_a_server_shows_a_key_of_the_right_format_and_publishes_server_registered() {
        String name = uniqueName("web");
        AddServerView view = navigate(AddServerView.class);

        test(nameField()).setValue(name);
        test(macField()).setValue("AA-BB-CC-DD-EE-0F");
        test(groupField()).setValue(" rack-7 ");
        test(addButton()).click();

        String key = view.shownKey();
        assertThat(key).matches("[A-HJ-NP-Za-km-z2-9]{24}");
        assertThat(view.shownCommand()).isEqualTo("./servmon agent --bootstrap kafka.example.test:9092 --key " + key);
        var stored = servers.findByName(name).orElseThrow();
        ServerId serverId = ServerId.of(ServerKey.of(key));
        // the database keeps the public id and the signing secret, never the key itself
        assertThat(stored.getPublicId()).isEqualTo(serverId.value()).doesNotContain(key);
        assertThat(stored.getSigningSecret()).isEqualTo(SigningSecret.of(ServerKey.of(key)).toText());
        assertThat(stored.getMac()).isEqualTo("aa:bb:cc:dd:ee:0f");
        assertThat(stored.getSite()).isEqualTo("rack-7");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConsumerRecord<String, byte[]> record = TopicRecords.all(Topics.SERVERS.name()).stream()
                    .filter(r -> serverId.value().equals(r.key())).findFirst().orElseThrow();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(key);
            ServerRegistered event = EventCodec.decode(record.value(), ServerRegistered.class);
            assertThat(event.rowId()).isEqualTo(stored.getId());
            assertThat(event.signingSecret()).isEqualTo(SigningSecret.of(ServerKey.of(key)));
            assertThat(event.name()).isEqualTo(name);
            assertThat(event.mac()).isEqualTo("aa:bb:cc:dd:ee:0f");
            assertThat(event.serverId()).isEqualTo(serverId);
            assertThat(event.group()).isEqualTo("rack-7");
        });
        // the form is ready for the next server
        assertThat(nameField().getValue()).isEmpty();
    }

    @Test
    void empty_name_marks_the_name_field_invalid_with_its_message_and_creates_nothing() {
        long before = servers.count();
        AddServerView view = navigate(AddServerView.class);

        test(addButton()).click();

        assertThat(nameField().isInvalid()).isTrue();
        assertThat(nameField().getErrorMessage()).isEqualTo("name is required");
        assertThat(view.shownKey()).isNull();
        assertThat(servers.count()).isEqualTo(before);
    }

    @Test
    void duplicate_name_marks_the_name_field_invalid_with_its_message_and_creates_nothing() {
        String name = uniqueName("dup");
        AddServerView view = navigate(AddServerView.class);
        test(nameField()).setValue(name);
        test(addButton()).click();
        String firstKey = view.shownKey();
        long before = servers.count();

        test(nameField()).setValue(name);
        test(addButton()).click();

        assertThat(nameField().isInvalid()).isTrue();
        assertThat(nameField().getErrorMessage()).isEqualTo("a server named " + name + " already exists");
        assertThat(servers.count()).isEqualTo(before);
        assertThat(servers.findByName(name).orElseThrow().getPublicId())
                .isEqualTo(ServerId.of(ServerKey.of(firstKey)).value());
    }

    @Test
    void a_refusal_is_said_in_the_language_of_the_page() {
        String name = uniqueName("lang");
        registry.register(name, null);

        UI.getCurrent().setLocale(Locale.KOREAN);
        navigate(AddServerView.class);
        test(nameField()).setValue(name);
        test(macField()).setValue("aa:bb");
        test(groupField()).setValue("g".repeat(101));
        test(addButton()).click();
        assertThat(nameField().getErrorMessage()).isEqualTo(name + "(이)라는 서버가 이미 있습니다");
        assertThat(macField().getErrorMessage()).startsWith("MAC 주소는 aa:bb:cc:dd:ee:ff 꼴이어야");
        assertThat(groupField().getErrorMessage()).isEqualTo("그룹은 100자까지입니다 (입력한 그룹은 101자)");

        UI.getCurrent().setLocale(Locale.ENGLISH);
        navigate("account", Component.class);  // away, so that the form is built anew
        navigate(AddServerView.class);
        test(nameField()).setValue(name);
        test(addButton()).click();
        assertThat(nameField().getErrorMessage()).isEqualTo("a server named " + name + " already exists");
    }

    @Test
    void bad_mac_marks_the_mac_field_invalid_and_creates_nothing() {
        String name = uniqueName("badmac");
        navigate(AddServerView.class);

        test(nameField()).setValue(name);
        test(macField()).setValue("aa:bb:cc:dd:ee");
        test(addButton()).click();

        assertThat(macField().isInvalid()).isTrue();
        assertThat(macField().getErrorMessage()).contains("aa:bb:cc:dd:ee:ff");
        assertThat(nameField().isInvalid()).isFalse();
        assertThat(servers.findByName(name)).isEmpty();
    }

    private TextField nameField() {
        return find(TextField.class).withId("server-name").single();
    }

    private TextField macField() {
        return find(TextField.class).withId("server-mac").single();
    }

    private TextField groupField() {
        return find(TextField.class).withId("server-group").single();
    }

    private Button addButton() {
        return find(Button.class).withId("add-server").single();
    }
}

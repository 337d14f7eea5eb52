package servmon.dashboard.servers;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.base.ui.PlainSelect;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The main page in the viewer's language: Korean for a Korean page, English otherwise. */
@WithMockUser(username = "admin", roles = "ADMIN")
class ServersViewInKoreanTest extends DashboardTestSupport {

    @Autowired
    ServerRegistry registry;
    @Autowired
    FleetFeed feed;

    @Test
    void a_korean_page_reads_korean() {
        String tag = uniqueName("ko");
        RegisteredServer quiet = registry.register(tag + "-quiet", null);
        RegisteredServer asleep = registry.register(tag + "-asleep", null);
        setState(asleep.id(), "ASLEEP", Instant.now());

        ServersView view = open(Locale.KOREAN, tag);

        assertThat(headings()).containsExactly("서버", "목록");
        assertThat(view.counts().text("all")).startsWith("전체 ");
        assertThat(view.counts().text("problems")).startsWith("문제 ");
        assertThat(view.counts().text("off")).startsWith("OFF ");
        assertThat(view.counts().text("asleep")).startsWith("절전 ");
        assertThat(tile(quiet.id()).stateText()).isEqualTo("보고 없음");
        assertThat(tile(asleep.id()).stateText()).isEqualTo("절전");
        assertThat(find(TextField.class).withId("server-search").single().getPlaceholder()).isEqualTo("이름으로 검색");
        assertThat(options("server-sort")).containsExactly("문제 먼저", "이름순", "CPU 높은 순", "전력 높은 순");
        assertThat(columnHeaders()).startsWith("이름", "상태", "그룹", "CPU", "전력", "사용자", "마지막 보고");
        assertThat(view.getPageTitle()).isEqualTo("서버 · servmon");

        view.actions().confirmDelete(view.listed().getFirst());
        ConfirmDialog dialog = find(ConfirmDialog.class).single();
        assertThat(dialog.getElement().getProperty("header")).endsWith("을(를) 삭제할까요?");
        assertThat(dialog.getElement().getProperty("confirmText")).isEqualTo("유지하기");
        assertThat(dialog.getElement().getProperty("rejectText")).isEqualTo("삭제");
    }

    @Test
    void an_english_page_reads_english() {
        String tag = uniqueName("en");
        RegisteredServer quiet = registry.register(tag + "-quiet", null);

        ServersView view = open(Locale.ENGLISH, tag);

        assertThat(headings()).containsExactly("Servers", "List");
        assertThat(view.counts().text("all")).startsWith("All ");
        assertThat(tile(quiet.id()).stateText()).isEqualTo("Empty");
        assertThat(options("server-sort")).startsWith("Problems first", "Name");
        assertThat(columnHeaders()).startsWith("Name", "State", "Group");
    }

    private ServersView open(Locale locale, String search) {
        UI.getCurrent().setLocale(locale);
        UI.getCurrent().navigate("account");  // away from the main page the UI opened with, so that it is built anew
        feed.refresh();
        ServersView view = navigate(ServersView.class);
        test(find(TextField.class).withId("server-search").single()).setValue(search);
        return view;
    }

    private List<String> headings() {
        return find(H2.class).all().stream().map(H2::getText).toList();
    }

    private ServerTile tile(long serverId) {
        return find(ServerTile.class).withCondition(t -> t.serverId() == serverId).single();
    }

    private List<String> options(String selectId) {
        PlainSelect select = find(PlainSelect.class).withId(selectId).single();
        return select.getElement().getChildren().map(option -> option.getText()).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> columnHeaders() {
        Grid<FleetServer> grid = find(Grid.class).single();
        return grid.getColumns().stream().map(Grid.Column::getHeaderText).toList();
    }
}

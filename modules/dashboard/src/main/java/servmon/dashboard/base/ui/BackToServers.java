package servmon.dashboard.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;

/** The way out of an error page: the servers list, which every logged-in user may see. */
final class BackToServers {

    private BackToServers() {
    }

    static Button button() {
        Button back = new Button(Texts.get("error.back"), VaadinIcon.ARROW_LEFT.create(),
                click -> click.getSource().getUI().ifPresent(ui -> ui.navigate(MainLayout.SERVERS_PATH)));
        back.setId("back-to-servers");
        return back;
    }
}

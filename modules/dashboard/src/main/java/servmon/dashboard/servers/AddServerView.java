package servmon.dashboard.servers;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import servmon.dashboard.DashboardProperties;
import servmon.dashboard.base.ui.Reason;
import servmon.dashboard.security.Roles;

/**
 * Registers a server: a name and optionally the MAC to wake it at. On success shows the generated key and the
 * command that starts the agent with it on that server.
 */
@Route("servers/new")
@RolesAllowed(Roles.ADMIN)  // it registers a server and shows its key: both an admin's
class AddServerView extends Main implements HasDynamicTitle {

    private final ServerRegistry registry;
    private final FleetFeed feed;
    private final String agentBootstrap;
    private final String agentKafkaConfig;

    private final TextField name = new TextField(getTranslation("add-server.name"));
    private final TextField mac = new TextField(getTranslation("add-server.mac"));
    private final TextField group = new TextField(getTranslation("add-server.group"));
    private final Button add = new Button(getTranslation("add-server.add"));
    private final Binder<ServerDraft> binder = new Binder<>();
    private final Div result = new Div();
    private final Span key = new Span();
    private final Pre command = new Pre();

    AddServerView(ServerRegistry registry, FleetFeed feed, DashboardProperties properties) {
        this.registry = registry;
        this.feed = feed;
        this.agentBootstrap = properties.agentBootstrap();
        this.agentKafkaConfig = properties.agentKafkaConfig();
        addClassName("add-server-view");

        name.setId("server-name");
        // no maxLength on name and group: the browser would cut a longer (e.g. pasted) value silently; the
        // validators refuse it with the reason instead
        name.setHelperText(getTranslation("add-server.name.help"));
        name.setRequiredIndicatorVisible(true);
        mac.setId("server-mac");
        mac.setPlaceholder("aa:bb:cc:dd:ee:ff");
        mac.setHelperText(getTranslation("add-server.mac.help"));

        group.setId("server-group");
        group.setPlaceholder("rack-1");
        group.setHelperText(getTranslation("add-server.group.help"));

        binder.forField(name)
                .asRequired(getTranslation("add-server.name.required"))
                .withValidator(nameValidator())
                .bind(ServerDraft::getName, ServerDraft::setName);
        binder.forField(mac)
                .withValidator((value, context) -> ServerRules.macProblem(value)
                        .map(AddServerView::error).orElseGet(ValidationResult::ok))
                .bind(ServerDraft::getMac, ServerDraft::setMac);
        binder.forField(group)
                .withValidator((value, context) -> ServerRules.groupProblem(value)
                        .map(AddServerView::error).orElseGet(ValidationResult::ok))
                .bind(ServerDraft::getGroup, ServerDraft::setGroup);
        binder.setBean(new ServerDraft());

        add.setId("add-server");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickShortcut(Key.ENTER);
        add.addClickListener(click -> register());

        FormLayout form = new FormLayout(name, mac, group);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));

        result.setId("registration-result");
        result.addClassName("registration-result");
        result.setVisible(false);

        add(new H2(getTranslation("add-server.heading")), new Paragraph(getTranslation("add-server.intro")),
                form, add, result);
    }

    private Validator<String> nameValidator() {
        return (value, context) -> ServerRules.nameProblem(value)
                .map(AddServerView::error)
                .orElseGet(() -> registry.nameTaken(value)
                        ? error(ServerRules.nameTaken(value.strip()))
                        : ValidationResult.ok());
    }

    private static ValidationResult error(Reason reason) {
        return ValidationResult.error(reason.translated());
    }

    private void register() {
        if (!binder.validate().isOk()) {
            return;  // the fields show what is wrong
        }
        ServerDraft draft = binder.getBean();
        try {
            showResult(registry.register(draft.getName(), draft.getMac(), draft.getGroup()));
            binder.setBean(new ServerDraft());
            feed.refresh();  // its tile is there when the user goes back to the servers
        } catch (ServerValidationException e) {  // e.g. the name was taken since the form checked it
            TextField field = e.fieldAmong(name, mac, group);
            field.setErrorMessage(e.reason().translated());
            field.setInvalid(true);
        } catch (EventPublishException e) {
            Notification notification = Notification.show(getTranslation("add-server.failed", e.getMessage()), 8000,
                    Notification.Position.MIDDLE);
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void showResult(RegisteredServer server) {
        String agentCommand = "./servmon agent --bootstrap " + agentBootstrap
                + (agentKafkaConfig == null || agentKafkaConfig.isBlank() ? "" : " --kafka-config " + agentKafkaConfig)
                + " --key " + server.key().value();
        key.setText(server.key().value());
        key.setId("server-key");
        key.addClassName("server-key");
        command.setText(agentCommand);
        command.setId("agent-command");
        command.addClassName("agent-command");

        Button copyKey = copyButton(getTranslation("add-server.copy-key"), server.key().value());
        Button copyCommand = copyButton(getTranslation("add-server.copy-command"), agentCommand);
        HorizontalLayout keyLine = new HorizontalLayout(key, copyKey);
        keyLine.setAlignItems(FlexComponent.Alignment.CENTER);
        keyLine.setWrap(true);

        result.removeAll();
        result.add(new H3(getTranslation("add-server.registered", server.name())),
                new Paragraph(getTranslation("add-server.key")), keyLine,
                new Paragraph(getTranslation("add-server.run-agent")), command, copyCommand,
                new Paragraph(new Span(getTranslation("add-server.appears.before")),
                        new RouterLink(getTranslation("layout.menu.servers"), ServersView.class),
                        new Span(getTranslation("add-server.appears.after"))));
        result.setVisible(true);
    }

    private static Button copyButton(String text, String toCopy) {
        Button button = new Button(text, VaadinIcon.COPY_O.create());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Clipboard.onClick(button).writeText(toCopy);
        return button;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("add-server.title");
    }

    String shownKey() {
        return result.isVisible() ? key.getText() : null;
    }

    String shownCommand() {
        return result.isVisible() ? command.getText() : null;
    }
}

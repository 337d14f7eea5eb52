package servmon.dashboard.policies;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import servmon.dashboard.base.ui.BrowserZone;
import servmon.dashboard.base.ui.Formats;
import servmon.dashboard.servers.EventPublishException;
import servmon.events.PowerPolicies;
import servmon.store.policy.PolicyVersion;

/**
 * Edits the power policies as YAML (the format of a policy file, e.g. deploy/policies/pool.yml) and lists every
 * saved version: who saved it, when, and which policies it held. A refused save shows the engine's reason under the
 * text and keeps the text as typed, so it can be corrected.
 */
@Route("policies")
@RolesAllowed("ADMIN")
class PoliciesView extends Main implements HasDynamicTitle {

    /** Shown while nothing was saved here: the structure to fill in, harmless as it stands (a dry run). */
    static final String TEMPLATE = """
            servmon:
              wol:
                policy:
                  zone: UTC
                  policies:
                    - name: office-hours
                      group: office
                      dry-run: true
                      schedule:
                        - Mon-Fri 08:00-19:00
            """;

    private final PolicyStore store;
    private final AuthenticationContext authentication;
    private final TextArea yaml = new TextArea(getTranslation("policies.yaml"));
    private final Button save = new Button(getTranslation("policies.save"));
    private final Grid<PolicyVersion> versions = new Grid<>();

    PoliciesView(PolicyStore store, AuthenticationContext authentication) {
        this.store = store;
        this.authentication = authentication;
        addClassName("policies-view");

        yaml.setId("policies-yaml");
        yaml.setWidthFull();
        yaml.setMinRows(16);
        yaml.setMaxLength(PowerPolicies.MAX_YAML_CHARS);
        yaml.setHelperText(getTranslation("policies.yaml.help"));
        yaml.setValue(store.current().map(PolicyVersion::yaml).orElse(TEMPLATE));

        save.setId("save-policies");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());

        versions.setId("policy-versions");
        versions.addColumn(PolicyVersion::version).setHeader(getTranslation("policies.column.version")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(PolicyVersion::changedBy).setHeader(getTranslation("policies.column.changed-by")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(v -> Formats.dateTime(v.changedAt(), BrowserZone.of(getUI().orElseThrow())))
                .setHeader(getTranslation("policies.column.changed-at")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(PolicyVersion::summary).setHeader(getTranslation("policies.column.policies")).setFlexGrow(1);
        versions.setAllRowsVisible(true);

        add(new H2(getTranslation("policies.heading")), new Paragraph(getTranslation("policies.intro")),
                yaml, save, new H3(getTranslation("policies.versions")), versions);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("policies.title");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        versions.setItems(store.versions());
    }

    private void save() {
        try {
            PolicyVersion saved = store.save(yaml.getValue(), authentication.getPrincipalName().orElseThrow());
            yaml.setInvalid(false);
            yaml.setErrorMessage(null);
            versions.setItems(store.versions());
            Notification.show(getTranslation("policies.saved", String.valueOf(saved.version()), saved.summary()), 5000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (PolicyRejectedException e) {
            yaml.setErrorMessage(e.reason().translated());
            yaml.setInvalid(true);
        } catch (EventPublishException e) {
            Notification.show(getTranslation("policies.failed", e.getMessage()), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}

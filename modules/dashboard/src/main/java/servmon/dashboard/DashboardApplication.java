package servmon.dashboard;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import servmon.store.StoreModule;
import servmon.store.schema.SchemaMigration;

/**
 * The dashboard: server tiles and list, Add Server, history charts, the JSON API, and the producer of
 * registrations and wake commands. Reads state and history from the database the ingestor fills.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = StoreModule.class)
@EnableJpaRepositories(basePackageClasses = StoreModule.class)
@EnableConfigurationProperties(DashboardProperties.class)
// Flyway one service at a time, after clearing an install a kill interrupted
@Import(SchemaMigration.class)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("servmon/dashboard.css")
// light or dark as the viewer's system is set, until they choose one in the frame (DisplayPreferences)
@ColorScheme(ColorScheme.Value.SYSTEM)
// server push (a WebSocket, long polling where that fails): the fleet feed's changes reach open pages without a poll
@Push
public class DashboardApplication implements AppShellConfigurator {

    /**
     * The dashboard as its own application, reading {@code dashboard.yml} (not application.yml, so that it can
     * share a classpath with the other services). Settings may be passed as {@code --name=value} arguments.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DashboardApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=dashboard");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

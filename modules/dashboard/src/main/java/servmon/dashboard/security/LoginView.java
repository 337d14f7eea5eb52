package servmon.dashboard.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The page unauthenticated visitors are sent to; the form posts to Spring Security's /login. */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · servmon")
@AnonymousAllowed
class LoginView extends Main implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();

    LoginView() {
        addClassName("login-view");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        Paragraph hint = new Paragraph("The first password of user admin is printed once when servmon first starts,"
                + " or set with SERVMON_ADMIN_PASSWORD.");
        hint.addClassName("login-hint");
        add(new H1("servmon"), login, hint);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}

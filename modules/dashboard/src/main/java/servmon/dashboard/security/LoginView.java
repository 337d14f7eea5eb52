package servmon.dashboard.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import java.util.List;
import java.util.Map;

/** The page unauthenticated visitors are sent to; the form posts to Spring Security's /login. */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · servmon")
@AnonymousAllowed
class LoginView extends Main implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();
    private LoginI18n i18n = LoginI18n.createDefault();

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
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        List<String> throttled = parameters.get(LoginThrottleFilter.THROTTLED_PARAMETER);
        if (throttled != null) {
            i18n = throttledMessage(throttled.isEmpty() ? "" : throttled.getFirst());
            login.setError(true);
        } else {
            i18n = LoginI18n.createDefault();
            login.setError(parameters.containsKey("error"));
        }
        login.setI18n(i18n);
    }

    /** The error the form shows, or null when it shows none. */
    String shownError() {
        return login.isError() ? i18n.getErrorMessage().getMessage() : null;
    }

    /** Said without checking the password: the wait applies to right and wrong passwords alike. */
    private static LoginI18n throttledMessage(String seconds) {
        LoginI18n i18n = LoginI18n.createDefault();
        String wait = seconds.matches("[1-9][0-9]{0,4}") ? seconds + " s" : "a while";
        i18n.getErrorMessage().setTitle("Too many failed logins");
        i18n.getErrorMessage().setMessage("Too many failed logins for this user or from this address. Wait " + wait
                + " and try again.");
        return i18n;
    }
}

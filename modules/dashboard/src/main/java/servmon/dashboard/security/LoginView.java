package servmon.dashboard.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import servmon.dashboard.base.ui.LanguageSwitch;

import java.util.List;
import java.util.Map;

/**
 * The page unauthenticated visitors are sent to; the form posts to Spring Security's /login. It offers the frame's
 * language menu, so a visitor whose browser asks for the wrong language can switch before logging in.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
class LoginView extends Main implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final Paragraph hint = new Paragraph();
    private LoginI18n i18n = translated();

    LoginView() {
        addClassName("login-view");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        hint.addClassName("login-hint");
        LanguageSwitch language = new LanguageSwitch();
        language.addClassName("login-language");
        add(language, new H1("servmon"), login, hint);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // in the page's language now: Vaadin reuses this view for the next visit of the login page
        hint.setText(getTranslation("login.hint"));
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        List<String> throttled = parameters.get(LoginThrottleFilter.THROTTLED_PARAMETER);
        if (throttled != null) {
            i18n = throttledMessage(throttled.isEmpty() ? "" : throttled.getFirst());
            login.setError(true);
        } else {
            i18n = translated();
            login.setError(parameters.containsKey("error"));
        }
        login.setI18n(i18n);
    }

    /** The form's words as they are shown. */
    LoginI18n shownTexts() {
        return i18n;
    }

    /** The error the form shows, or null when it shows none. */
    String shownError() {
        return login.isError() ? i18n.getErrorMessage().getMessage() : null;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title");
    }

    /** The form's words in the viewer's language. */
    private LoginI18n translated() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.form.title"));
        i18n.getForm().setUsername(getTranslation("login.form.username"));
        i18n.getForm().setPassword(getTranslation("login.form.password"));
        i18n.getForm().setSubmit(getTranslation("login.form.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        i18n.getErrorMessage().setUsername(getTranslation("login.error.username"));
        i18n.getErrorMessage().setPassword(getTranslation("login.error.password"));
        return i18n;
    }

    /** Said without checking the password: the wait applies to right and wrong passwords alike. */
    private LoginI18n throttledMessage(String seconds) {
        LoginI18n i18n = translated();
        String wait = seconds.matches("[1-9][0-9]{0,4}") ? getTranslation("login.throttled.seconds", seconds)
                : getTranslation("login.throttled.a-while");
        i18n.getErrorMessage().setTitle(getTranslation("login.throttled.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.throttled.message", wait));
        return i18n;
    }
}

package servmon.dashboard.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.Cookie;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The viewer's language and colour scheme. A new page takes them from what the viewer chose (this session, else a
 * cookie that outlives logout and restarts), else the language from the browser's Accept-Language and the colours
 * from the system's light or dark setting. A choice is kept in the session and in a cookie, so a reload keeps it.
 */
@Component
public class DisplayPreferences implements VaadinServiceInitListener {

    static final String LANGUAGE_COOKIE = "servmon-lang";
    static final String THEME_COOKIE = "servmon-theme";
    private static final String LANGUAGE_ATTRIBUTE = DisplayPreferences.class.getName() + ".language";
    private static final String THEME_ATTRIBUTE = DisplayPreferences.class.getName() + ".theme";
    private static final int COOKIE_SECONDS = 365 * 24 * 3600;

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> applyTo(init.getUI(), VaadinRequest.getCurrent()));
    }

    static void applyTo(UI ui, VaadinRequest request) {
        ui.setLocale(language(ui.getSession(), request).locale());
        ColorScheme.Value theme = theme(ui.getSession(), request);
        ComponentUtil.setData(ui, ColorScheme.Value.class, theme);
        if (theme != ColorScheme.Value.SYSTEM) {  // SYSTEM is the application's default (@ColorScheme) already
            ui.getPage().setColorScheme(theme);
        }
    }

    public static Language language(VaadinSession session, VaadinRequest request) {
        Object chosen = session == null ? null : session.getAttribute(LANGUAGE_ATTRIBUTE);
        if (chosen instanceof Language language) {
            return language;
        }
        Language fromCookie = cookie(request, LANGUAGE_COOKIE).map(Language::ofTag).orElse(null);
        if (fromCookie != null) {
            return fromCookie;
        }
        return Language.ofAcceptLanguage(request == null ? null : request.getHeader("Accept-Language"));
    }

    static ColorScheme.Value theme(VaadinSession session, VaadinRequest request) {
        Object chosen = session == null ? null : session.getAttribute(THEME_ATTRIBUTE);
        if (chosen instanceof ColorScheme.Value theme) {
            return theme;
        }
        return cookie(request, THEME_COOKIE).flatMap(DisplayPreferences::themeOf).orElse(ColorScheme.Value.SYSTEM);
    }

    /** Switches this page's language now (the frame follows at once, the view at the reload) and remembers it. */
    static void chooseLanguage(UI ui, Language language) {
        ui.getSession().setAttribute(LANGUAGE_ATTRIBUTE, language);
        remember(ui, LANGUAGE_COOKIE, language.tag());
        ui.setLocale(language.locale());
    }

    /** Switches this page to light, dark or the system's colours, and remembers it. */
    static void chooseTheme(UI ui, ColorScheme.Value theme) {
        ui.getSession().setAttribute(THEME_ATTRIBUTE, theme);
        remember(ui, THEME_COOKIE, themeTag(theme));
        ComponentUtil.setData(ui, ColorScheme.Value.class, theme);
        ui.getPage().setColorScheme(theme);
    }

    /** The colour scheme this page was given: chosen, remembered, or the system's. */
    static ColorScheme.Value shownTheme(UI ui) {
        ColorScheme.Value theme = ComponentUtil.getData(ui, ColorScheme.Value.class);
        return theme == null ? ColorScheme.Value.SYSTEM : theme;
    }

    static String themeTag(ColorScheme.Value theme) {
        return theme.name().toLowerCase(Locale.ROOT);
    }

    static Optional<ColorScheme.Value> themeOf(String tag) {
        return Arrays.stream(new ColorScheme.Value[] {ColorScheme.Value.SYSTEM, ColorScheme.Value.LIGHT,
                        ColorScheme.Value.DARK})
                .filter(theme -> themeTag(theme).equals(tag)).findFirst();
    }

    // written by the page, not by a response header: with push the click may not come in an HTTP response at all
    private static void remember(UI ui, String name, String value) {
        ui.getPage().executeJs("document.cookie = $0 + '=' + $1 + '; path=/; max-age=' + $2 + '; SameSite=Lax'",
                name, value, COOKIE_SECONDS);
    }

    private static Optional<String> cookie(VaadinRequest request, String name) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(cookie -> name.equals(cookie.getName())).map(Cookie::getValue)
                .findFirst();
    }
}

package servmon.dashboard.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.i18n.DefaultI18NProvider;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.VaadinService;

import java.util.List;
import java.util.Locale;

/**
 * The pages' words in the viewer's language, for code that is not a component (formats, state labels, messages of a
 * button's action); components call {@code getTranslation} themselves. Keys and texts are in
 * {@code vaadin-i18n/translations*.properties}. Outside a page (no UI, or no Vaadin at all) it answers in English.
 */
public final class Texts {

    // the same files through the same provider class, for a caller outside any Vaadin request
    private static final I18NProvider OUTSIDE_VAADIN = new DefaultI18NProvider(List.of(Locale.ENGLISH));

    private Texts() {
    }

    public static String get(String key, Object... args) {
        UI ui = UI.getCurrent();
        return get(ui == null ? Locale.ENGLISH : ui.getLocale(), key, args);
    }

    public static String get(Locale locale, String key, Object... args) {
        VaadinService service = VaadinService.getCurrent();
        I18NProvider provider = service == null ? null : service.getInstantiator().getI18NProvider();
        return (provider == null ? OUTSIDE_VAADIN : provider).getTranslation(key, locale, args);
    }
}

package servmon.dashboard.base.ui;

import java.util.List;
import java.util.Locale;

/**
 * Why something was refused, as a translation key and its arguments, so one text in
 * {@code vaadin-i18n/translations*.properties} serves both readers: a page says it in the viewer's language, the JSON
 * API and the log in English (the default file).
 *
 * @param args the text's {0}-style arguments, as {@link java.text.MessageFormat} formats them
 */
public record Reason(String key, List<Object> args) {

    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(String key, Object... args) {
        return new Reason(key, List.of(args));
    }

    /** For the API and the log, which speak English whoever asks. */
    public String english() {
        return Texts.get(Locale.ENGLISH, key, args.toArray());
    }

    /** In the language of the page being served (English outside a page). */
    public String translated() {
        return Texts.get(key, args.toArray());
    }
}

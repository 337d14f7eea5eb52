package servmon.dashboard.base.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The languages the pages speak. English is the default and the fallback for any other browser language. */
public enum Language {

    ENGLISH(Locale.ENGLISH, "English"),
    KOREAN(Locale.KOREAN, "한국어");

    private final Locale locale;
    private final String ownName;

    Language(Locale locale, String ownName) {
        this.locale = locale;
        this.ownName = ownName;
    }

    public Locale locale() {
        return locale;
    }

    /** The tag kept in the cookie and offered in the menu: "en", "ko". */
    public String tag() {
        return locale.getLanguage();
    }

    /** The language's name in itself, so that a reader finds their own language whatever the page speaks now. */
    public String ownName() {
        return ownName;
    }

    /** Korean for ko, ko-KR, ...; English for everything else, null included. */
    public static Language of(Locale locale) {
        return locale != null && KOREAN.tag().equals(locale.getLanguage()) ? KOREAN : ENGLISH;
    }

    /** The language of a tag as {@link #tag()} gives it, or null for an unknown or missing one. */
    public static Language ofTag(String tag) {
        return Arrays.stream(values()).filter(language -> language.tag().equals(tag)).findFirst().orElse(null);
    }

    /**
     * The browser's first language among ours, by an Accept-Language header ("ko-KR,ko;q=0.9,en;q=0.8"); English
     * when it names neither or cannot be read.
     */
    public static Language ofAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return ENGLISH;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            return of(Locale.lookup(ranges, Arrays.stream(values()).map(Language::locale).toList()));
        } catch (IllegalArgumentException e) {
            return ENGLISH;  // a malformed header is no reason to refuse the page
        }
    }
}

package servmon.dashboard.base.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The language menu of the frame and of the login page: each language offered in its own name, the page's language
 * chosen. A choice is kept in the session and a cookie ({@link DisplayPreferences}) and the page is built again in it.
 */
public final class LanguageSwitch extends Composite<PlainSelect> implements LocaleChangeObserver, HasStyle {

    public LanguageSwitch() {
        setId("language");
        Map<String, String> languages = new LinkedHashMap<>();
        for (Language offered : Language.values()) {
            languages.put(offered.tag(), offered.ownName());
        }
        getContent().setOptions(languages);
    }

    @Override
    protected PlainSelect initContent() {
        return new PlainSelect("", tag -> choose(Language.ofTag(tag)));
    }

    // on attach and after every language change: the frame stays on screen between pages
    @Override
    public void localeChange(LocaleChangeEvent event) {
        getContent().setLabel(getTranslation("layout.language"));
        getContent().setValue(Language.of(event.getLocale()).tag());
    }

    /** The tag of the language shown as chosen: "en", "ko". */
    public String value() {
        return getContent().getValue();
    }

    private void choose(Language chosen) {
        UI ui = UI.getCurrent();
        if (chosen == null || ui == null) {
            return;
        }
        DisplayPreferences.chooseLanguage(ui, chosen);
        // the page's own texts were written when it was built: build it again, in the new language
        ui.getPage().reload();
    }
}

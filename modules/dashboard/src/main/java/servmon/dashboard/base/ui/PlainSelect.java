package servmon.dashboard.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The browser's own {@code <select>}: a short choice (an order, a group) with nothing to download. The web
 * components' select would add to the front-end bundle, and this needs none of its features.
 */
@Tag("select")
public final class PlainSelect extends Component {

    private Map<String, String> options = Map.of();
    private boolean settingValue;

    /** @param onChange called with the chosen option's value when the user picks one */
    public PlainSelect(String label, Consumer<String> onChange) {
        setLabel(label);
        getElement().addPropertyChangeListener("value", "change",
                event -> {
                    if (!settingValue) {  // the user's choice, not ours
                        onChange.accept(Objects.toString(event.getValue(), ""));
                    }
                });
    }

    /** What the select is for, read out by a screen reader and shown on hover. */
    public void setLabel(String label) {
        getElement().setAttribute("aria-label", label);
        getElement().setAttribute("title", label);
    }

    /**
     * Offers these options (value to label, in order), keeping the current value when it is still one of them. Does
     * nothing when they are the ones offered already.
     */
    public void setOptions(Map<String, String> valuesToLabels) {
        if (valuesToLabels.equals(options)) {
            return;
        }
        String value = getValue();
        options = new LinkedHashMap<>(valuesToLabels);
        getElement().removeAllChildren();
        valuesToLabels.forEach((optionValue, label) -> {
            Element option = new Element("option");
            option.setAttribute("value", optionValue);
            option.setText(label);
            getElement().appendChild(option);
        });
        setValue(options.containsKey(value) ? value : options.keySet().stream().findFirst().orElse(""));
    }

    public String getValue() {
        return getElement().getProperty("value", "");
    }

    public void setValue(String value) {
        settingValue = true;
        try {
            getElement().setProperty("value", value);
        } finally {
            settingValue = false;
        }
        // the options are the children: mark the chosen one too, so the value holds when they are replaced
        getElement().getChildren().forEach(option ->
                option.setAttribute("selected", option.getAttribute("value").equals(value)));
    }
}

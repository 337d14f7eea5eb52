package servmon.dashboard.base.ui;

import com.vaadin.flow.component.page.ColorScheme;
import org.junit.jupiter.api.Test;
import servmon.dashboard.notify.NotificationLog;
import servmon.events.PowerSource;
import servmon.events.ServerState;
import servmon.events.WakeStatus;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation files against each other and against the code: every key in English and in Korean, with the same
 * arguments; every key the pages ask for exists; and no page text of the packages that are translated is an English
 * literal left in the code. The history pages ({@code dashboard.history}) and the JSON API are left out: the API
 * speaks English on purpose, and the history pages are translated with their own keys.
 */
class TranslationsTest {

    private static final Path FILES = Path.of("src/main/resources/vaadin-i18n");
    private static final Path CODE = Path.of("src/main/java/servmon/dashboard");
    private static final Set<String> UNTRANSLATED_PACKAGES = Set.of("history", "api");

    // a text may read the same in both languages when it holds no English word: CPU, ON, OFF (the seed's), BMC, kWh
    private static final Pattern ENGLISH_WORD = Pattern.compile("\\p{Ll}{2,}");

    // a page's text, or a refusal's reason (Reason.of), which the pages show too
    private static final Pattern KEY_IN_CODE = Pattern.compile(
            "(?:getTranslation|Texts\\.get|Reason\\.of)\\(\"([a-z0-9.-]*[a-z0-9])\"");  // not a prefix such as "state."
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[,}]");
    // a component given a text where a translation belongs; a grid's header is setHeader with one argument
    private static final Pattern LITERAL_TEXT = Pattern.compile(
            "(?:new (?:Button|H1|H2|H3|Paragraph|Span|TextField|PasswordField|TextArea|SideNavItem|RouterLink"
                    + "|ListItem)\\(|\\.set(?:Text|HelperText|Placeholder|Label|AriaLabel|ConfirmText|RejectText"
                    + "|CancelText|ErrorMessage)\\(|Notification\\.show\\(|@PageTitle\\()\"([^\"]*)\""
                    + "|\\.setHeader\\(\"([^\"]*)\"\\)");
    // words of a language: a capital (Save, Servers) or a space (a sentence); not servmon, rack-1 or a MAC
    private static final Pattern WORDS = Pattern.compile(".*(?:\\p{Lu}|\\s).*");

    @Test
    void every_key_has_an_english_and_a_korean_text() throws IOException {
        Properties english = load("translations.properties");
        Properties korean = load("translations_ko.properties");

        assertThat(korean.stringPropertyNames()).as("keys in Korean")
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(korean.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void the_korean_texts_are_korean_and_take_the_same_arguments() throws IOException {
        Properties english = load("translations.properties");
        Properties korean = load("translations_ko.properties");

        for (String key : english.stringPropertyNames()) {
            String en = english.getProperty(key);
            String ko = korean.getProperty(key, "");
            assertThat(arguments(ko)).as("arguments of " + key).isEqualTo(arguments(en));
            if (ENGLISH_WORD.matcher(en).find()) {
                assertThat(ko).as(key + " is written in Korean").containsPattern("\\p{IsHangul}");
            }
        }
    }

    @Test
    void the_english_file_for_english_is_empty_so_english_comes_from_the_default_file() throws IOException {
        assertThat(load("translations_en.properties")).isEmpty();
    }

    @Test
    void every_key_the_pages_ask_for_exists() throws IOException {
        Set<String> keys = load("translations.properties").stringPropertyNames();
        Set<String> asked = new TreeSet<>();
        for (Path source : translatedSources()) {
            Matcher key = KEY_IN_CODE.matcher(Files.readString(source));
            while (key.find()) {
                asked.add(key.group(1));
            }
        }
        // keys made from an enum's name
        for (ServerState state : ServerState.values()) {
            asked.add("state." + state.name().toLowerCase(Locale.ROOT));
        }
        for (PowerSource source : PowerSource.values()) {
            asked.add("format.power-source." + source.name().toLowerCase(Locale.ROOT));
        }
        for (String sort : List.of("attention", "name", "cpu", "power")) {
            asked.add("servers.sort." + sort);
        }
        for (NotificationLog.Outcome outcome : NotificationLog.Outcome.values()) {
            asked.add("notifications.outcome." + outcome.name().toLowerCase(Locale.ROOT));
        }
        for (WakeStatus step : WakeStatus.values()) {
            asked.add("history.step." + step.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        for (ColorScheme.Value theme : List.of(ColorScheme.Value.SYSTEM, ColorScheme.Value.LIGHT,
                ColorScheme.Value.DARK)) {
            asked.add("layout.theme." + DisplayPreferences.themeTag(theme));
        }

        assertThat(asked).hasSizeGreaterThan(100);
        assertThat(keys).containsAll(asked);
    }

    @Test
    void no_page_text_is_an_english_literal_in_the_code() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path source : translatedSources()) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher literal = LITERAL_TEXT.matcher(lines.get(i));
                while (literal.find()) {
                    String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                    if (!WORDS.matcher(text).matches()) {
                        continue;
                    }
                    literals.add(CODE.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(literals).isEmpty();
    }

    private static List<Path> translatedSources() throws IOException {
        try (Stream<Path> files = Files.walk(CODE)) {
            List<Path> sources = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !UNTRANSLATED_PACKAGES.contains(CODE.relativize(path).getName(0).toString()))
                    .toList();
            assertThat(sources).isNotEmpty();
            return sources;
        }
    }

    private static Set<String> arguments(String text) {
        Set<String> arguments = new TreeSet<>();
        Matcher argument = ARGUMENT.matcher(text);
        while (argument.find()) {
            arguments.add(argument.group(1));
        }
        return arguments;
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(FILES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}

package servmon.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the key is read from when it must be asked for; the real terminal's lack of echo: KeyPromptTerminalTest. */
class KeyPromptTest {

    private final StringWriter err = new StringWriter();

    @Test
    void at_a_terminal_the_key_is_read_by_the_no_echo_reader_and_standard_input_is_left_alone() {
        List<String> prompts = new ArrayList<>();
        InputStream untouched = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("standard input must not be read at a terminal");
            }
        };
        KeyPrompt prompt = new KeyPrompt(text -> {
            prompts.add(text);
            return "abcdEFGH1234".toCharArray();
        }, untouched, new PrintWriter(err));

        assertThat(ask(prompt)).isEqualTo("abcdEFGH1234");
        assertThat(prompts).containsExactly(KeyPrompt.PROMPT);
        assertThat(KeyPrompt.PROMPT).contains("not echoed");
    }

    @Test
    void without_a_terminal_the_key_is_one_line_of_standard_input() {
        KeyPrompt prompt = new KeyPrompt(null, stdin("abcdEFGH1234\nnext line\n"), new PrintWriter(err));

        assertThat(ask(prompt)).isEqualTo("abcdEFGH1234");
        assertThat(err.toString()).contains("no terminal: reading the server key from standard input (one line)");
    }

    @Test
    void an_empty_standard_input_is_a_usage_error_that_says_how_to_give_the_key() {
        KeyPrompt prompt = new KeyPrompt(null, stdin(""), new PrintWriter(err));

        assertThatThrownBy(prompt::ask).isInstanceOf(UsageException.class)
                .hasMessageContaining("--key-file FILE").hasMessageContaining("printf '%s\\n' KEY | servmon-agent");
    }

    @Test
    void ctrl_d_at_the_terminal_is_a_usage_error() {
        KeyPrompt prompt = new KeyPrompt(text -> null, stdin(""), new PrintWriter(err));

        assertThatThrownBy(prompt::ask).isInstanceOf(UsageException.class).hasMessageStartingWith("no server key");
    }

    private static String ask(KeyPrompt prompt) {
        try {
            return prompt.ask();
        } catch (UsageException e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

package servmon.dashboard.base.ui;

import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Which language and colours a new page gets: the viewer's choice, else the browser's language and the system. */
class LanguageTest {

    @Test
    void a_korean_browser_gets_korean_and_any_other_english() {
        assertThat(Language.ofAcceptLanguage("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")).isEqualTo(Language.KOREAN);
        assertThat(Language.ofAcceptLanguage("ko")).isEqualTo(Language.KOREAN);
        assertThat(Language.ofAcceptLanguage("en-US,en;q=0.9,ko;q=0.8")).isEqualTo(Language.ENGLISH);
        assertThat(Language.ofAcceptLanguage("de-DE,de;q=0.9")).isEqualTo(Language.ENGLISH);
        assertThat(Language.ofAcceptLanguage("de-DE,ko;q=0.5")).as("Korean before the fallback")
                .isEqualTo(Language.KOREAN);
        assertThat(Language.ofAcceptLanguage(null)).isEqualTo(Language.ENGLISH);
        assertThat(Language.ofAcceptLanguage("ko;q=banana")).as("an unreadable header").isEqualTo(Language.ENGLISH);
    }

    @Test
    void a_remembered_choice_beats_the_browser_language_and_this_session_beats_the_cookie() {
        VaadinRequest koreanBrowserWithCookie = request("ko-KR", new Cookie(DisplayPreferences.LANGUAGE_COOKIE, "en"),
                new Cookie(DisplayPreferences.THEME_COOKIE, "dark"));
        assertThat(DisplayPreferences.language(null, request("ko-KR"))).isEqualTo(Language.KOREAN);
        assertThat(DisplayPreferences.language(null, koreanBrowserWithCookie)).isEqualTo(Language.ENGLISH);
        assertThat(DisplayPreferences.theme(null, request("ko-KR"))).isEqualTo(ColorScheme.Value.SYSTEM);
        assertThat(DisplayPreferences.theme(null, koreanBrowserWithCookie)).isEqualTo(ColorScheme.Value.DARK);

        VaadinSession session = mock(VaadinSession.class);
        when(session.getAttribute(DisplayPreferences.class.getName() + ".language")).thenReturn(Language.KOREAN);
        when(session.getAttribute(DisplayPreferences.class.getName() + ".theme")).thenReturn(ColorScheme.Value.LIGHT);
        assertThat(DisplayPreferences.language(session, koreanBrowserWithCookie)).isEqualTo(Language.KOREAN);
        assertThat(DisplayPreferences.theme(session, koreanBrowserWithCookie)).isEqualTo(ColorScheme.Value.LIGHT);
    }

    @Test
    void an_unknown_cookie_value_is_ignored() {
        VaadinRequest request = request("ko", new Cookie(DisplayPreferences.LANGUAGE_COOKIE, "fr"),
                new Cookie(DisplayPreferences.THEME_COOKIE, "purple"));
        assertThat(DisplayPreferences.language(null, request)).isEqualTo(Language.KOREAN);
        assertThat(DisplayPreferences.theme(null, request)).isEqualTo(ColorScheme.Value.SYSTEM);
    }

    private static VaadinRequest request(String acceptLanguage, Cookie... cookies) {
        VaadinRequest request = mock(VaadinRequest.class);
        when(request.getHeader("Accept-Language")).thenReturn(acceptLanguage);
        when(request.getCookies()).thenReturn(cookies);
        return request;
    }
}

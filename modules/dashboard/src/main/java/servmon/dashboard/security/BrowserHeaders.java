package servmon.dashboard.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The headers that tell a browser what our answers may do, on every door: no MIME sniffing (Spring's default), no
 * framing by other sites (X-Frame-Options for old browsers, frame-ancestors for the rest), no referrer to other
 * sites, and a Content-Security-Policy.
 * <p>
 * The policy allows only our own origin. Vaadin Flow needs {@code script-src 'unsafe-inline' 'unsafe-eval'} (its
 * bootstrap page starts the client engine with an inline script, and the engine builds functions from the
 * expressions the server sends) and {@code style-src 'unsafe-inline'} (components set inline styles); see Vaadin's
 * "Content Security Policy" and "Frequently Reported Issues" pages. What still holds: no script, style, frame,
 * plugin or form target from elsewhere, and no {@code <base>} hijack; {@code data:} only for images and fonts
 * (Lumo's icons are data URIs).
 */
final class BrowserHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private BrowserHeaders() {
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> all() {
        return headers -> {
            // Written when the request comes in, not when the response is committed: Vaadin's bootstrap page (the
            // login page, every first load) went out without any of them, with Vaadin's own X-Frame-Options
            // SAMEORIGIN instead, which Vaadin sets only when there is none yet.
            headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                @Override
                public <O extends HeaderWriterFilter> O postProcess(O filter) {
                    filter.setShouldWriteHeadersEagerly(true);
                    return filter;
                }
            });
            headers.contentTypeOptions(Customizer.withDefaults())
                    .frameOptions(frames -> frames.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
        };
    }
}

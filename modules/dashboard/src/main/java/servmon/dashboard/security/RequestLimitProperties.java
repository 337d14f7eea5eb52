package servmon.dashboard.security;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what a client may send ({@code servmon.dashboard.request.*} in dashboard.yml).
 *
 * @param maxBody the largest request body, for the API and the pages alike (Vaadin's own requests are a few KB)
 */
@ConfigurationProperties(prefix = "servmon.dashboard.request")
@Validated
record RequestLimitProperties(@NotNull DataSize maxBody) {

    RequestLimitProperties {
        if (maxBody != null && maxBody.toBytes() < 1024) {
            throw new IllegalArgumentException("servmon.dashboard.request.max-body must be at least 1KB (got "
                    + maxBody + ")");
        }
    }
}

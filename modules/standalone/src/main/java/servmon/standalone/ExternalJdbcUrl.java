package servmon.standalone;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An external MySQL URL with the parameters servmon relies on added where the user left them out: times are
 * stored as UTC, and the ingestor's JDBC batches become multi-row inserts.
 */
final class ExternalJdbcUrl {

    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("rewriteBatchedStatements", "true");
        REQUIRED.put("connectionTimeZone", "UTC");
        REQUIRED.put("forceConnectionTimeZoneToSession", "true");
    }

    private ExternalJdbcUrl() {
    }

    static String withRequiredParameters(String url) {
        StringBuilder result = new StringBuilder(url);
        for (var parameter : REQUIRED.entrySet()) {
            if (!url.contains(parameter.getKey() + "=")) {
                result.append(result.indexOf("?") < 0 ? '?' : '&')
                        .append(parameter.getKey()).append('=').append(parameter.getValue());
            }
        }
        return result.toString();
    }
}

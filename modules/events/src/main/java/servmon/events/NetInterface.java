package servmon.events;

import jakarta.validation.constraints.Size;

/**
 * One network interface as the agent sees it; what the wol-service needs to wake the server later.
 *
 * @param mac       colon-separated lower-case MAC, e.g. {@code 52:54:00:12:34:56}
 * @param ipv4      first IPv4 address, or null
 * @param broadcast IPv4 broadcast address of that subnet, or null
 * @param wolArmed  true when ethtool reports "Wake-on: g", false when it reports otherwise, null when unknown
 */
public record NetInterface(@Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String name,
                           @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String mac,
                           @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String ipv4,
                           @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String broadcast,
                           Boolean wolArmed) {
}

package servmon.wol.policy;

import servmon.events.ServerId;
import servmon.events.ServerState;

import java.time.Duration;

/**
 * One server as the policy engine sees it at a decision.
 *
 * @param cpuPct    its latest CPU load, null when unknown (not counted as idle)
 * @param users     users logged in, null when unknown (not counted as idle)
 * @param wakeTime  how long its last confirmed wake took, null when never measured
 * @param sleepable whether a sleep order would be accepted (Wake-on-LAN armed or vouched for by the admin)
 */
public record ServerView(ServerId key, String name, String group, ServerState state, Double cpuPct, Integer users,
                         Duration wakeTime, boolean sleepable) {
}

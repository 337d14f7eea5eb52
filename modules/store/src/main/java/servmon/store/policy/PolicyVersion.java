package servmon.store.policy;

import java.time.Instant;

/**
 * One saved version of the power policies (a row of {@code power_policy_version}, see V6).
 *
 * @param yaml    the policies as saved, in the format of a policy file
 * @param summary one line naming the policies, for the audit log
 */
public record PolicyVersion(int version, String yaml, String changedBy, Instant changedAt, String summary) {
}

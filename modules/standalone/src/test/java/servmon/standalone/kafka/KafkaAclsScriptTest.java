package servmon.standalone.kafka;

import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kafka-acls.sh grants each role what {@link KafkaRole} grants on the embedded broker, line for line: a topic
 * added to a role (or a dead-letter topic added to {@code Topics.ALL}) without the script fails here.
 */
class KafkaAclsScriptTest {

    private static final Path SCRIPT = Path.of("../../deploy/kafka-acls.sh");

    @Test
    void every_role_of_the_script_grants_exactly_what_the_embedded_broker_grants() throws IOException {
        List<String> script = Files.readAllLines(SCRIPT);
        for (KafkaRole role : KafkaRole.values()) {
            assertThat(grantsOf(script, role.name().toLowerCase(Locale.ROOT)))
                    .as("grant_%s in %s", role.name().toLowerCase(Locale.ROOT), SCRIPT)
                    .containsExactlyInAnyOrderElementsOf(role.aclsFor("$1").stream()
                            .map(KafkaAclsScriptTest::asScriptLine).toList());
        }
    }

    /** The acl lines of the script's grant_NAME function, with grant_service expanded. */
    private static List<String> grantsOf(List<String> script, String function) {
        int start = script.indexOf("grant_" + function + "() {");
        assertThat(start).as("grant_%s() in the script", function).isNotNegative();
        List<String> lines = new ArrayList<>();
        for (String line : script.subList(start + 1, script.size())) {
            if (line.equals("}")) {
                break;
            }
            String statement = line.strip();
            if (statement.equals("grant_service \"$1\"")) {
                lines.addAll(grantsOf(script, "service"));
            } else if (statement.startsWith("acl ")) {
                lines.add(statement);
            }
        }
        return lines;
    }

    /** As the script writes it: acl "$1" OPERATION RESOURCE-TYPE NAME PATTERN-TYPE. */
    private static String asScriptLine(AclBinding acl) {
        assertThat(acl.entry().principal()).isEqualTo("User:$1");
        return "acl \"$1\" " + capitalized(acl.entry().operation().name()) + " "
                + acl.pattern().resourceType().name().toLowerCase(Locale.ROOT).replace('_', '-') + " "
                + acl.pattern().name() + " " + acl.pattern().patternType().name().toLowerCase(Locale.ROOT);
    }

    private static String capitalized(String word) {
        return word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    }
}

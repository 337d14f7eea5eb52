package servmon.dashboard.policies;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import servmon.dashboard.servers.EventPublishException;
import servmon.store.policy.PolicyVersion;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * The power policies for scripts. Anyone logged in reads them and their audit log; only an admin saves them (the
 * PUT is guarded in SecurityConfiguration). The YAML is a policy file's text, as the wol-service reads it.
 */
@RestController
@RequestMapping(path = "/api/v1/policies", produces = MediaType.APPLICATION_JSON_VALUE)
class PoliciesApi {

    private static final Logger log = LoggerFactory.getLogger(PoliciesApi.class);

    private final PolicyStore store;

    PoliciesApi(PolicyStore store) {
        this.store = store;
    }

    /** The policies in force: version 0 and empty YAML while none was saved (the wol-service's own are used). */
    @GetMapping
    Current current() {
        return store.current().map(v -> new Current(v.version(), v.yaml(), v.changedBy(), v.changedAt()))
                .orElse(new Current(0, "", null, null));
    }

    /** {@code {"yaml":"servmon:\n  wol: ..."}} → 200 with the new version, or 400 {@code {"message": reason}}. */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Change save(@RequestBody Edit edit, Principal user) {
        return Change.of(store.save(edit.yaml(), user.getName()));
    }

    /** The audit log, newest first. */
    @GetMapping("/versions")
    List<Change> versions() {
        return store.versions().stream().map(Change::of).toList();
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Problem rejected(PolicyRejectedException e) {
        return new Problem(e.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Problem unreadable(HttpMessageNotReadableException e) {
        return new Problem("the body must be JSON like {\"yaml\":\"servmon:\\n  wol: ...\"}");
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    Problem kafkaDown(EventPublishException e) {
        log.warn("Policies not saved: {}", e.getMessage());
        return new Problem(e.getMessage() + " (nothing was changed; try again)");
    }

    record Edit(String yaml) {
    }

    record Current(int version, String yaml, String changedBy, Instant changedAt) {
    }

    record Change(int version, String changedBy, Instant changedAt, String summary) {
        static Change of(PolicyVersion v) {
            return new Change(v.version(), v.changedBy(), v.changedAt(), v.summary());
        }
    }

    record Problem(String message) {
    }
}

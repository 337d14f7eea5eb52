package servmon.dashboard.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import servmon.dashboard.history.SampleCsv;
import servmon.dashboard.history.ServerHistory;
import servmon.dashboard.servers.FleetOverview;
import servmon.dashboard.servers.PowerActions;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerNotFoundException;
import servmon.dashboard.servers.ServerRegistry;
import servmon.dashboard.servers.ServerSummary;
import servmon.events.CommandId;
import servmon.events.SleepMode;
import servmon.store.history.HistoryPoint;
import servmon.store.history.StoredSample;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON API for scripts: the same operations as the pages, with HTTP Basic (see SecurityConfiguration). Lists
 * page by keyset ({@link ApiPage}); reads carry ETags ({@link ApiEtagFilter}).
 */
@RestController
@RequestMapping(path = "/api/v1/servers", produces = MediaType.APPLICATION_JSON_VALUE)
class ServersApi {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    // 400 days of hour buckets is 9,600 points: more would be a download, not a chart
    private static final Duration LONGEST_RANGE = Duration.ofDays(400);

    private final ServerRegistry registry;
    private final FleetOverview fleet;
    private final ServerHistory history;
    private final PowerActions power;
    private final SampleCsv csv;
    private static final Duration SLEEP_ANSWER_WAIT = Duration.ofSeconds(5);

    ServersApi(ServerRegistry registry, FleetOverview fleet, ServerHistory history, PowerActions power,
               SampleCsv csv) {
        this.power = power;
        this.csv = csv;
        this.registry = registry;
        this.fleet = fleet;
        this.history = history;
    }

    /** {@code {"name":"web-1","mac":null,"group":"rack-1"}} → 201 {@code {"id":1,"key":"..."}}; mac, group optional. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CreatedServer create(@RequestBody NewServer request) {
        RegisteredServer server = registry.register(request.name(), request.mac(), request.group());
        return new CreatedServer(server.id(), server.key().value(), server.serverId().value());
    }

    /** The fleet by id, {@code limit} at a time; {@code next} links the page after {@code after} (an id). */
    @GetMapping
    ApiPage<ServerSummary> list(@RequestParam(defaultValue = "" + ApiPage.DEFAULT_LIMIT) int limit,
                                @RequestParam(defaultValue = "0") long after) {
        int size = ApiPage.limit(limit);
        return ApiPage.of(fleet.page(after, size + 1), size,
                last -> "/api/v1/servers?limit=" + size + "&after=" + last.id());
    }

    /** A server's samples, newest first; {@code next} links the page of those taken before the last one shown. */
    @GetMapping("/{id}/samples")
    ApiPage<StoredSample> samples(@PathVariable long id,
                                  @RequestParam(defaultValue = "" + ApiPage.DEFAULT_LIMIT) int limit,
                                  @RequestParam(required = false) Instant before) {
        int size = ApiPage.limit(limit);
        requireServer(id);
        return ApiPage.of(history.samplePage(id, before, size + 1), size,
                last -> "/api/v1/servers/" + id + "/samples?limit=" + size + "&before=" + last.sampledAt());
    }

    /**
     * A server's history over [from, to) (default: the hour up to now), read from raw samples, minute or hour
     * rollups as the range's length suits; the response names the tier.
     */
    @GetMapping("/{id}/history")
    HistorySeries history(@PathVariable long id, @RequestParam(required = false) Instant from,
                          @RequestParam(required = false) Instant to) {
        TimeRange range = TimeRange.of(from, to);
        requireServer(id);
        ServerHistory.Series series = history.series(id, range.from(), range.to());
        return new HistorySeries(id, range.from(), range.to(), series.tier().label(), series.points());
    }

    /**
     * A server's samples over [from, to) (default: the hour up to now) as CSV, oldest first, with a header line.
     * Streamed as it is read, a page of samples at a time, so it is not held (nor hashed for an ETag) whole.
     */
    // JSON too: a refused query is answered as every other API error is
    @GetMapping(path = "/{id}/samples.csv", produces = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<StreamingResponseBody> samplesCsv(@PathVariable long id,
                                                     @RequestParam(required = false) Instant from,
                                                     @RequestParam(required = false) Instant to,
                                                     HttpServletRequest request) {
        TimeRange range = TimeRange.of(from, to);
        requireServer(id);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("server-" + id + "-samples.csv").build().toString())
                .body(out -> csv.write(id, range.from(), range.to(), out));
    }

    /** A query's [from, to): the hour up to now by default, at most {@link #LONGEST_RANGE}. */
    private record TimeRange(Instant from, Instant to) {

        static TimeRange of(Instant fromOrNull, Instant toOrNull) {
            Instant end = toOrNull == null ? Instant.now() : toOrNull;
            Instant start = fromOrNull == null ? end.minus(DEFAULT_RANGE) : fromOrNull;
            if (!start.isBefore(end)) {
                throw new BadQueryException("from", "from must be before to");
            }
            if (Duration.between(start, end).compareTo(LONGEST_RANGE) > 0) {
                throw new BadQueryException("from", "a range may span at most " + LONGEST_RANGE.toDays() + " days");
            }
            return new TimeRange(start, end);
        }
    }

    /** {@code {"group":"rack-1"}} (null or blank: none) → 204; sleep keeps one server of each group awake. */
    @PutMapping(path = "/{id}/group", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeGroup(@PathVariable long id, @RequestBody GroupChange request) {
        registry.changeGroup(id, request.group());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        registry.delete(id);
    }

    @PostMapping("/{id}/wake")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WakeAccepted wake(@PathVariable long id, Principal principal) {
        return new WakeAccepted(registry.requestWake(id, principal.getName()).value());
    }

    /**
     * Orders a server to sleep. Answers once the wol-service has decided (within a few seconds): 202 with the step
     * when the order went to the agent, 409 with the reason when it was refused (e.g. Wake-on-LAN not armed, or the
     * group's last awake server; {@code "force":true} overrides those), 202 "PENDING" if no answer came in time.
     */
    @PostMapping("/{id}/sleep")
    ResponseEntity<SleepAnswer> sleep(@PathVariable long id, @RequestBody(required = false) SleepRequest request,
                                      Principal principal) {
        SleepMode mode = request == null || request.mode() == null ? SleepMode.SUSPEND : request.mode();
        boolean force = request != null && Boolean.TRUE.equals(request.force());
        CommandId command = power.requestSleep(id, mode, force, principal.getName());
        return power.firstStep(command, SLEEP_ANSWER_WAIT)
                .map(step -> ResponseEntity.status("SLEEP_REFUSED".equals(step.status())
                                ? HttpStatus.CONFLICT : HttpStatus.ACCEPTED)
                        .body(new SleepAnswer(command.value(), step.status(), step.detail())))
                .orElseGet(() -> ResponseEntity.accepted().body(new SleepAnswer(command.value(), "PENDING",
                        "no answer from the wol-service yet; see /api/v1/servers/" + id + "/power-log")));
    }

    /** Every step of the server's wakes and sleeps, newest first. */
    @GetMapping("/{id}/power-log")
    List<PowerActions.PowerStep> powerLog(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        requireServer(id);
        if (limit < 1 || limit > 1000) {
            throw new BadQueryException("limit", "limit must be 1 to 1000");
        }
        return power.log(id, limit);
    }

    private void requireServer(long id) {
        if (!history.exists(id)) {
            throw new ServerNotFoundException(id);
        }
    }

    /** @param tier raw, 1m or 1h: what one point stands for */
    record HistorySeries(long serverId, Instant from, Instant to, String tier, List<HistoryPoint> points) {
    }

    record GroupChange(String group) {
    }

    record NewServer(String name, String mac, String group) {
    }

    /**
     * @param key      the agent's key, shown this once: the database does not keep it
     * @param serverId the public id other systems put in wake commands (derived from the key)
     */
    record CreatedServer(long id, String key, String serverId) {
    }

    record WakeAccepted(String commandId) {
    }

    record SleepRequest(SleepMode mode, Boolean force) {
    }

    record SleepAnswer(String commandId, String status, String detail) {
    }
}

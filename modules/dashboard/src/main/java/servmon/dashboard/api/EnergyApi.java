package servmon.dashboard.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import servmon.dashboard.energy.FleetEnergy;
import servmon.dashboard.energy.FleetEnergyReport;
import servmon.dashboard.energy.ServerEnergyReport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Energy in the JSON API (see docs/energy.md): kWh used and saved by sleeping over [from, to), with how much of each
 * is estimated, for the fleet and its groups or for one server. Without from and to: today so far, in UTC (the API
 * has no viewer whose clock to follow; pass from and to for another day or zone).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class EnergyApi {

    // the hour rollups are kept 730 days; a range longer than this is a report, not a query to repeat
    private static final Duration LONGEST_RANGE = Duration.ofDays(400);

    private final FleetEnergy energy;

    EnergyApi(FleetEnergy energy) {
        this.energy = energy;
    }

    /** The fleet's energy per group and in total; {@code group} narrows it to one group. */
    @GetMapping("/energy")
    FleetEnergyReport fleet(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                            @RequestParam(required = false) String group) {
        Range range = Range.of(from, to);
        return energy.fleet(range.from(), range.to(), group == null || group.isBlank() ? null : group.strip());
    }

    @GetMapping("/servers/{id}/energy")
    ServerEnergyReport server(@PathVariable long id, @RequestParam(required = false) Instant from,
                              @RequestParam(required = false) Instant to) {
        Range range = Range.of(from, to);
        return energy.server(id, range.from(), range.to());
    }

    private record Range(Instant from, Instant to) {

        /** Defaults: {@code to} now, {@code from} the start of the UTC day {@code to} falls in. */
        static Range of(Instant fromOrNull, Instant toOrNull) {
            Instant to = toOrNull == null ? Instant.now() : toOrNull;
            Instant from = fromOrNull == null
                    ? to.minusNanos(1).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant()
                    : fromOrNull;
            if (!from.isBefore(to)) {
                throw new BadQueryException("from", "from must be before to");
            }
            if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
                throw new BadQueryException("from", "a range may span at most " + LONGEST_RANGE.toDays() + " days");
            }
            return new Range(from, to);
        }
    }
}

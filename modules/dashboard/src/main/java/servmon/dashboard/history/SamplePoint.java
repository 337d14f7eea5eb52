package servmon.dashboard.history;

import java.time.Instant;

/** One point of a history chart; value null where the server reported no figure (e.g. no power reading). */
record SamplePoint(Instant at, Double value) {
}

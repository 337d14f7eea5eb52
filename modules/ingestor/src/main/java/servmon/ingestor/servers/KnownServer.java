package servmon.ingestor.servers;

/** A registered server as the ingestor needs it: its row id for foreign keys, its name for enrollment replies. */
public record KnownServer(long id, String name) {
}

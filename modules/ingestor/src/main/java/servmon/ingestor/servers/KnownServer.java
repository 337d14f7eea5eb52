package servmon.ingestor.servers;

import servmon.events.SigningSecret;

/**
 * A registered server as the ingestor needs it: its row id for foreign keys, its name for enrollment replies, and the
 * secret its agent signs reports with (checked here, and signing the enrollment reply).
 */
public record KnownServer(long id, String name, SigningSecret secret) {
}

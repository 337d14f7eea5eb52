package servmon.dashboard.servers;

public class ServerNotFoundException extends RuntimeException {

    ServerNotFoundException(long id) {
        super("no server with id " + id);
    }
}

package servmon.dashboard.servers;

public class ServerNotFoundException extends RuntimeException {

    public ServerNotFoundException(long id) {
        super("no server with id " + id);
    }
}

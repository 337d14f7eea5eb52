package servmon.dashboard.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import servmon.dashboard.servers.FleetOverview;
import servmon.dashboard.servers.RegisteredServer;
import servmon.dashboard.servers.ServerRegistry;
import servmon.dashboard.servers.ServerSummary;

import java.security.Principal;
import java.util.List;

/** The JSON API for scripts: the same operations as the pages, with HTTP Basic (see SecurityConfiguration). */
@RestController
@RequestMapping(path = "/api/v1/servers", produces = MediaType.APPLICATION_JSON_VALUE)
class ServersApi {

    private final ServerRegistry registry;
    private final FleetOverview fleet;

    ServersApi(ServerRegistry registry, FleetOverview fleet) {
        this.registry = registry;
        this.fleet = fleet;
    }

    /** {@code {"name":"web-1","mac":null}} → 201 {@code {"id":1,"key":"..."}}. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CreatedServer create(@RequestBody NewServer request) {
        RegisteredServer server = registry.register(request.name(), request.mac());
        return new CreatedServer(server.id(), server.key().value());
    }

    @GetMapping
    List<ServerSummary> list() {
        return fleet.servers();
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

    record NewServer(String name, String mac) {
    }

    record CreatedServer(long id, String key) {
    }

    record WakeAccepted(String commandId) {
    }
}

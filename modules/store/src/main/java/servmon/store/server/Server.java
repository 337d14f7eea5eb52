package servmon.store.server;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A registered server. The key is the agent's secret: never log it whole. */
@Entity
@Table(name = "server")
public class Server {

    // IDENTITY is fine here: servers are registered by hand, this table is never batch-inserted.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_key", nullable = false, length = 64, updatable = false)
    private String serverKey;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 17)
    private String mac;

    @Column(length = 100)
    private String site;

    @Column(name = "wol_broadcast", length = 45)
    private String wolBroadcast;

    @Column(name = "wol_port")
    private Integer wolPort;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Server() {
    }

    public Server(String serverKey, String name, String mac, Instant createdAt) {
        this.serverKey = serverKey;
        this.name = name;
        this.mac = mac;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getServerKey() {
        return serverKey;
    }

    public String getName() {
        return name;
    }

    public String getMac() {
        return mac;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getWolBroadcast() {
        return wolBroadcast;
    }

    public void setWolBroadcast(String wolBroadcast) {
        this.wolBroadcast = wolBroadcast;
    }

    public Integer getWolPort() {
        return wolPort;
    }

    public void setWolPort(Integer wolPort) {
        this.wolPort = wolPort;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

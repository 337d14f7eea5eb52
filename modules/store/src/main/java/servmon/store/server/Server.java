package servmon.store.server;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A registered server. Its agent's key is not here (V7): only the public id derived from it and the signing secret
 * that the agent's reports are checked with, a one-way derivation as well, but a secret: never log it.
 */
@Entity
@Table(name = "server")
public class Server {

    // IDENTITY is fine here: servers are registered by hand, this table is never batch-inserted.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "public_id", nullable = false, length = 64)
    private String publicId;

    @Column(name = "signing_secret", nullable = false, length = 64)
    private String signingSecret;

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

    public Server(String publicId, String signingSecret, String name, String mac, Instant createdAt) {
        this.publicId = publicId;
        this.signingSecret = signingSecret;
        this.name = name;
        this.mac = mac;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getPublicId() {
        return publicId;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    /** A new key for the server: its agent's old key no longer counts. */
    public void setKeyDerivations(String publicId, String signingSecret) {
        this.publicId = publicId;
        this.signingSecret = signingSecret;
    }

    public String getName() {
        return name;
    }

    public String getMac() {
        return mac;
    }

    /** A new name (unique, see uk_server_name) and MAC (null: the one its agent reports); ids and history stay. */
    public void rename(String name, String mac) {
        this.name = name;
        this.mac = mac;
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

package servmon.dashboard.servers;

/** What the Add Server form edits. */
final class ServerDraft {

    private String name = "";
    private String mac = "";
    private String group = "";

    String getName() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    String getMac() {
        return mac;
    }

    void setMac(String mac) {
        this.mac = mac;
    }

    String getGroup() {
        return group;
    }

    void setGroup(String group) {
        this.group = group;
    }
}

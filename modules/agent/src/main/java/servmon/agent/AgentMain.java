package servmon.agent;

public class AgentMain {
    public static void main(String[] args) {
    }
}

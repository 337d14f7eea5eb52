package servmon.statemonitor;

import servmon.events.AgentReply;

import servmon.events.MetricReport;
import servmon.events.ServerId;
import servmon.events.ServerRegistered;
import servmon.events.WakeCommand;

/** One decoded record from any of the monitor's input topics, as the state machine sees it. */
sealed interface Input {

    ServerId serverId();

    /** A server was added in the dashboard, or its settings changed. */
    record Registered(ServerRegistered event) implements Input {
        public ServerId serverId() {
            return event.serverId();
        }
    }

    /** The tombstone on the servers topic: the server was deleted. */
    record Removed(ServerId serverId) implements Input {
    }

    /** A heartbeat with its sample. */
    record Report(MetricReport event) implements Input {
        public ServerId serverId() {
            return event.serverId();
        }
    }

    /** The agent's answer to an order: an accepted sleep puts the server ASLEEP rather than OFF. */
    record Answer(AgentReply event) implements Input {
        public ServerId serverId() {
            return event.serverId();
        }
    }

    /** The monitor's own heartbeat, sent at {@code sentAtMs}: proof that its input is flowing. */
    record Tick(long sentAtMs) implements Input {
        /** About no server. */
        public ServerId serverId() {
            return null;
        }
    }

    /** Someone asked for the server to be woken. */
    record Wake(WakeCommand event) implements Input {
        public ServerId serverId() {
            return event.serverId();
        }
    }
}

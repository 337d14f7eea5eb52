package servmon.standalone;

import java.net.DatagramSocket;

/** The end-to-end scenarios on the embedded default: a real in-process Kafka broker and a real MariaDB. */
class InProcessPipelineTest extends PipelineScenarios {

    @Override
    Standalone system() {
        return SharedSystem.get();
    }

    @Override
    DatagramSocket wakeListener() {
        return SharedSystem.wakeListener();
    }

    @Override
    String dbUser() {
        return SharedSystem.get().jdbcUser();
    }

    @Override
    String dbPassword() {
        return SharedSystem.get().jdbcPassword();
    }
}

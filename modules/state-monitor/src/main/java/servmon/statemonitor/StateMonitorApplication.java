package servmon.statemonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class StateMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(StateMonitorApplication.class, args);
    }
}

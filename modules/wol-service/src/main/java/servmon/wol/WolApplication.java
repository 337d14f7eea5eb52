package servmon.wol;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class WolApplication {

    public static void main(String[] args) {
        SpringApplication.run(WolApplication.class, args);
    }
}

package servmon.store;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration the store's slice tests boot from; the services bring their own. */
@SpringBootApplication
class StoreTestApplication {
}

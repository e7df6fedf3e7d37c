package dev.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One deployable that runs the command side, the query side and the REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityApplication {

    public static void main(String[] args) {
        disableAxonPhoneHome();
        SpringApplication.run(IdentityApplication.class, args);
    }

    /**
     * Axon 4.13 reports usage to AxonIQ and prints a console banner unless told not to. An identity service
     * makes no outbound calls it does not need; an operator can still set these properties themselves.
     */
    static void disableAxonPhoneHome() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }
}

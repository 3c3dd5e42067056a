package io.capacitybroker.app;

import io.capacitybroker.app.cli.BrokerCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The broker. {@code java -jar capacity-broker.jar} starts the server; {@code java -jar
 * capacity-broker.jar plan SCENARIO.json} (and the other commands of {@link BrokerCli}) run offline
 * without starting Spring at all.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CapacityBrokerApplication {

    public static void main(String[] args) {
        if (BrokerCli.handles(args)) {
            System.exit(BrokerCli.run(args, System.in, System.out, System.err));
        }
        SpringApplication.run(CapacityBrokerApplication.class, args);
    }
}

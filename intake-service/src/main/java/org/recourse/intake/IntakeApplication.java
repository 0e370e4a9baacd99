package org.recourse.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reporter's side of Recourse: takes reports without asking who is reporting, hands
 * out receipt codes and shows the reporter-facing timeline behind them.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class IntakeApplication {

	public static void main(String[] args) {
		SpringApplication.run(IntakeApplication.class, args);
	}

}

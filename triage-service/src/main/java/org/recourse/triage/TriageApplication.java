package org.recourse.triage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The owners' side of Recourse: every report becomes exactly one case, routed to the
 * named human accountable for the AI system, with deadlines from that system's SLA
 * policy.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageApplication {

	public static void main(String[] args) {
		SpringApplication.run(TriageApplication.class, args);
	}

}

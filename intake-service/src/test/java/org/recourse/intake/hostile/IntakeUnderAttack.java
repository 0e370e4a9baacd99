package org.recourse.intake.hostile;

import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.RecordedDeliveries;
import org.recourse.intake.IntakeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The whole intake service on a real port, with its store and a real broker, started once
 * per test JVM for the hostile-input properties. jqwik properties get no Spring test
 * context, so this holds one: MockMvc for the many generated requests, the real port for
 * what only Tomcat sees (raw bytes, sizes, header syntax).
 */
final class IntakeUnderAttack {

	static final String REPORTS = "recourse.reports";

	static final String UPDATES = "recourse.reporter-updates";

	private static IntakeUnderAttack instance;

	final ConfigurableApplicationContext context;

	final MockMvc mvc;

	final MongoTemplate mongo;

	final int port;

	final String brokers;

	final RecordedDeliveries deliveries = new RecordedDeliveries();

	private IntakeUnderAttack(EmbeddedKafkaKraftBroker broker) {
		this.brokers = broker.getBrokersAsString();
		this.context = new SpringApplicationBuilder(IntakeApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("deliveries", this.deliveries))
			.run("--server.port=0", "--spring.mongodb.uri=" + EmbeddedMongo.start().uri("recourse_intake"),
					"--spring.kafka.bootstrap-servers=" + this.brokers, "--recourse.topics.partitions=1",
					"--recourse.triage.base-url=http://127.0.0.1:1", "--recourse.receipt.bcrypt-strength=4",
					"--recourse.rate-limit.enabled=false");
		this.mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) this.context)
			.apply(springSecurity())
			.build();
		this.mongo = this.context.getBean(MongoTemplate.class);
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	static synchronized IntakeUnderAttack get() {
		if (instance == null) {
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, REPORTS, "recourse.reporter-contacts",
					UPDATES, UPDATES + ".DLT");
			broker.afterPropertiesSet();
			instance = new IntakeUnderAttack(broker);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				instance.context.close();
				broker.destroy();
			}, "intake-under-attack-shutdown"));
		}
		return instance;
	}

	long storedReports() {
		return this.mongo.getCollection("reports").countDocuments();
	}

}

package org.recourse.triage.hostile;

import java.util.List;

import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.NaughtyStrings;
import org.recourse.events.testing.RecordedDeliveries;
import org.recourse.triage.TriageApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The whole triage service with its store and a real broker, started once per test JVM
 * for the hostile-input properties (jqwik properties get no Spring test context), with
 * the demo staff accounts at a fast bcrypt cost.
 */
final class TriageUnderAttack {

	static final String PASSWORD = "recourse-demo";

	private static final List<String> IMPLEMENTATION_DETAILS = List.of("Exception", "\tat ", "at org.", "at java.",
			"org.springframework", "tools.jackson", "com.fasterxml", "org.bson", "com.mongodb");

	private static TriageUnderAttack instance;

	final ConfigurableApplicationContext context;

	final MockMvc mvc;

	final MongoTemplate mongo;

	final String brokers;

	final RecordedDeliveries deliveries = new RecordedDeliveries();

	private TriageUnderAttack(EmbeddedKafkaKraftBroker broker) {
		this.brokers = broker.getBrokersAsString();
		this.context = new SpringApplicationBuilder(TriageApplication.class).profiles("fast-passwords")
			.initializers((context) -> context.getBeanFactory().registerSingleton("deliveries", this.deliveries))
			.run("--server.port=0", "--spring.mongodb.uri=" + EmbeddedMongo.start().uri("recourse_triage"),
					"--spring.kafka.bootstrap-servers=" + this.brokers, "--recourse.topics.partitions=1");
		this.mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) this.context)
			.apply(springSecurity())
			.build();
		this.mongo = this.context.getBean(MongoTemplate.class);
	}

	static synchronized TriageUnderAttack get() {
		if (instance == null) {
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "recourse.reports",
					"recourse.reports.DLT", "recourse.cases");
			broker.afterPropertiesSet();
			instance = new TriageUnderAttack(broker);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				instance.context.close();
				broker.destroy();
			}, "triage-under-attack-shutdown"));
		}
		return instance;
	}

	long count(String collection) {
		return this.mongo.getCollection(collection).countDocuments();
	}

	/**
	 * Below 500, no implementation details, nothing evaluated; problem+json on the API.
	 */
	static void assertSafe(MvcResult result, boolean api) throws Exception {
		int status = result.getResponse().getStatus();
		String body = result.getResponse().getContentAsString();
		assertThat(status).as("status, answering %s", body).isLessThan(500);
		assertThat(body).doesNotContain(IMPLEMENTATION_DETAILS).doesNotContain(NaughtyStrings.EVALUATED);
		if (api && status >= 400 && status != 401 && status != 403) {
			assertThat(result.getResponse().getContentType()).as("content type of a %d", status)
				.startsWith("application/problem+json");
		}
	}

	/**
	 * Typed text shown back in an HTML page is escaped: markup never appears verbatim.
	 * (JSON answers, such as a type-mismatch problem, are not rendered by a browser.)
	 */
	static void assertEscaped(MvcResult result, Iterable<String> typed) throws Exception {
		String type = result.getResponse().getContentType();
		if (type == null || !type.startsWith("text/html")) {
			return;
		}
		String body = result.getResponse().getContentAsString();
		for (String text : typed) {
			if (text != null && NaughtyStrings.needsEscaping(text)) {
				assertThat(body).as("page shows typed text verbatim").doesNotContain(text);
			}
		}
	}

}

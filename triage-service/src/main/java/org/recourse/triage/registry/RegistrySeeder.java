package org.recourse.triage.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Loads the registry seed file at start-up, adding systems that are not there yet and
 * leaving existing ones alone, so edits made later are never overwritten and several
 * replicas can seed at once.
 */
@Component
class RegistrySeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(RegistrySeeder.class);

	private final MongoTemplate mongo;

	private final ObjectMapper json;

	private final Settings settings;

	RegistrySeeder(MongoTemplate mongo, ObjectMapper json, Settings settings) {
		this.mongo = mongo;
		this.json = json;
		this.settings = settings;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (this.settings.seed() == null || !this.settings.seed().exists()) {
			logger.info("No registry seed file; the registry keeps what it has");
			return;
		}
		List<AiSystem> systems;
		try (InputStream in = this.settings.seed().getInputStream()) {
			systems = List.of(this.json.readValue(in, AiSystem[].class));
		}
		int added = 0;
		for (AiSystem system : systems) {
			boolean inserted = this.mongo
				.upsert(Query.query(Criteria.where("_id").is(system.id())), insertOnly(system), AiSystem.class)
				.getUpsertedId() != null;
			added += inserted ? 1 : 0;
			if (!system.hasOwner()) {
				logger.warn("AI system '{}' has no accountable owner: its reports go to the governance queue",
						system.id());
			}
		}
		logger.info("Registry seed {}: {} systems in file, {} added", this.settings.seed().getFilename(),
				systems.size(), added);
	}

	private Update insertOnly(AiSystem system) {
		org.bson.Document document = new org.bson.Document();
		this.mongo.getConverter().write(system, document);
		Update update = new Update();
		document.forEach((key, value) -> {
			if (!"_id".equals(key)) {
				update.setOnInsert(key, value);
			}
		});
		return update;
	}

	@ConfigurationProperties("recourse.registry")
	record Settings(@DefaultValue("classpath:registry/seed.json") Resource seed) {
	}

}

package org.recourse.triage.registry;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.EmbeddedMongo;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Admin edits of the registry, on a MongoDB-protocol store. */
class EditingRegistryTests {

	private static final EmbeddedMongo store = EmbeddedMongo.start();

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static MongoClient client;

	private static MongoTemplate mongo;

	private final EditingRegistry editing = new EditingRegistry(mongo, Clock.fixed(NOW, ZoneOffset.UTC));

	@BeforeAll
	static void connect() {
		client = MongoClients.create(store.uri(""));
		mongo = new MongoTemplate(client, "registry_" + UUID.randomUUID().toString().substring(0, 8));
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@Test
	void createsASystemAndAuditsEveryField() {
		AiSystem saved = this.editing.save("ranker", edit("Ranker", "alice.owner", null), 0, "ada.admin");

		assertThat(saved.revision()).isEqualTo(1);
		assertThat(saved.history()).singleElement().satisfies((change) -> {
			assertThat(change.actor()).isEqualTo("ada.admin");
			assertThat(change.at()).isEqualTo(NOW);
			assertThat(change.reason()).isEqualTo("because");
			assertThat(change.changes()).extracting(RegistryChange.FieldChange::field)
				.contains("name", "owner", "escalationChain", "calendar", "listed");
		});
		assertThat(mongo.findById("ranker", AiSystem.class)).isEqualTo(saved);
	}

	@Test
	void anEditRecordsOnlyWhatChangedFromTo() {
		this.editing.save("screener", edit("Screener", "alice.owner", null), 0, "ada.admin");

		AiSystem saved = this.editing.save("screener", edit("Screener", "bob.owner", null), 1, "ada.admin");

		assertThat(saved.revision()).isEqualTo(2);
		assertThat(saved.owner().id()).isEqualTo("bob.owner");
		assertThat(saved.history().get(1).changes())
			.extracting(RegistryChange.FieldChange::field, RegistryChange.FieldChange::from,
					RegistryChange.FieldChange::to)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("owner",
							"alice.owner (Owner Name, alice.owner@recourse.example)",
							"bob.owner (Owner Name, bob.owner@recourse.example)"),
					org.assertj.core.groups.Tuple.tuple("escalationChain", "alice.owner → compliance",
							"bob.owner → compliance"));
		assertThat(this.editing.save("screener", edit("Screener", "bob.owner", null), 2, "ada.admin").revision())
			.as("saving what is already there records nothing")
			.isEqualTo(2);
	}

	@Test
	void ofTwoAdminsEditingAtOnceTheSecondIsTold() {
		this.editing.save("bot", edit("Bot", "alice.owner", null), 0, "ada.admin");
		this.editing.save("bot", edit("Bot v2", "alice.owner", null), 1, "ada.admin");

		assertThatExceptionOfType(EditingRegistry.StaleSystemException.class)
			.isThrownBy(() -> this.editing.save("bot", edit("Bot v3", "alice.owner", null), 1, "other.admin"));
		assertThatExceptionOfType(EditingRegistry.StaleSystemException.class).as("creating what exists")
			.isThrownBy(() -> this.editing.save("bot", edit("Bot", "alice.owner", null), 0, "other.admin"));
		assertThat(mongo.findById("bot", AiSystem.class).name()).isEqualTo("Bot v2");
	}

	@Test
	void aSeededSystemWithoutHistoryCanBeEditedAtRevisionZero() {
		mongo.insert(new AiSystem("seeded", "Seeded", null, null, null, List.of("compliance"),
				new AiSystem.Calendar("UTC", "09:00", "17:00", List.of(DayOfWeek.MONDAY), List.of()), true));
		mongo.getCollection("ai_systems")
			.updateOne(new org.bson.Document("_id", "seeded"),
					new org.bson.Document("$unset", new org.bson.Document("history", "")));

		AiSystem saved = this.editing.save("seeded", edit("Seeded", "carol.owner", null), 0, "ada.admin");

		assertThat(saved.hasOwner()).isTrue();
		assertThat(mongo.findById("seeded", AiSystem.class).revision()).isEqualTo(1);
	}

	@Test
	void slaOverridesAreSetAuditedAndKeptByEditsThatLeaveThemOut() {
		EditingRegistry.SystemEdit withTargets = new EditingRegistry.SystemEdit("Fast", null,
				new AiSystem.StaffMember("alice.owner", "Alice", "alice@recourse.example"), null,
				List.of("alice.owner", "compliance"), edit("x", "alice.owner", null).calendar(), true,
				java.util.Map.of(org.recourse.triage.sla.Severity.HIGH, org.recourse.triage.sla.SlaTarget
					.calendar(java.time.Duration.ofHours(2), java.time.Duration.ofHours(8))),
				"tighter targets");
		this.editing.save("fast", withTargets, 0, "ada.admin");

		AiSystem renamed = this.editing.save("fast", edit("Fast v2", "alice.owner", null), 1, "ada.admin");

		assertThat(renamed.slaPolicy().targetFor(org.recourse.triage.sla.Severity.HIGH, false).acknowledge())
			.isEqualTo(java.time.Duration.ofHours(2));
		assertThat(renamed.history().get(0).changes()).extracting(RegistryChange.FieldChange::field).contains("sla");
		assertThat(renamed.history().get(1).changes()).extracting(RegistryChange.FieldChange::field)
			.doesNotContain("sla");
	}

	@Test
	void refusesInvalidFieldsSayingWhichAndWhy() {
		EditingRegistry.SystemEdit bad = new EditingRegistry.SystemEdit(" ", "line\u0000break",
				new AiSystem.StaffMember("alice owner", "", "not-an-address"), null, List.of(),
				new AiSystem.Calendar("Mars/Olympus", "17:00", "09:00", List.of(), List.of()), true, null);

		assertThatExceptionOfType(EditingRegistry.InvalidSystemException.class)
			.isThrownBy(() -> this.editing.save("Bad Id!", bad, 0, "ada.admin"))
			.satisfies((ex) -> assertThat(ex.errors).containsOnlyKeys("id", "name", "description", "owner.id",
					"owner.name", "owner.email", "escalationChain", "calendar.zone", "calendar.workEnd",
					"calendar.workDays"));
		assertThat(mongo.findById("Bad Id!", AiSystem.class)).isNull();
	}

	private static EditingRegistry.SystemEdit edit(String name, String owner, String deputy) {
		return new EditingRegistry.SystemEdit(name, "What it does",
				new AiSystem.StaffMember(owner, "Owner Name", owner + "@recourse.example"),
				(deputy != null) ? new AiSystem.StaffMember(deputy, "Deputy", deputy + "@recourse.example") : null,
				List.of(owner, "compliance"), new AiSystem.Calendar("Europe/Berlin", "09:00", "17:00",
						List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY), List.of(LocalDate.parse("2026-12-25"))),
				true, "because");
	}

}

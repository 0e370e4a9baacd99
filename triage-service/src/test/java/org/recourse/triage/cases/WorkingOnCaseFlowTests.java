package org.recourse.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.events.testing.EmbeddedMongo;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owner actions and reporter messages against a MongoDB-protocol store, with the outbox
 * relay replaced by the test, which plays its part (removing published events by
 * {@code _id}) at the exact moment between a writer's read and its write: the clock the
 * writer asks for the time runs it.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.kafka.listener.auto-startup=false", "recourse.topics.partitions=1", "recourse.sla.scan-interval=1h" })
@EmbeddedKafka(partitions = 1)
@AutoConfigureMockMvc
@DirtiesContext
class WorkingOnCaseFlowTests {

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final Instant NOW = Instant.parse("2026-06-09T09:00:00Z");

	@TestBean(methodName = "org.recourse.triage.cases.WorkingOnCaseFlowTests#clock")
	Clock clock;

	@MockitoBean
	OutboxRelay relay;

	@Autowired
	WorkingOnCase working;

	@Autowired
	CaseStore cases;

	@Autowired
	QueueIndex queues;

	@Autowired
	OwnerQueue ownerQueue;

	@Autowired
	MongoTemplate store;

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_triage"));
	}

	static Clock clock() {
		return new RelayingClock();
	}

	@AfterEach
	void quietRelay() {
		((RelayingClock) this.clock).between = null;
	}

	@Test
	void neverQueuesAgainAnEventTheRelayPublishedWhileTheOwnerActed() {
		Case opened = openWithPendingEvent("alice.owner");
		relayPublishesBetweenReadAndWrite(opened.getId(), "routed-" + opened.getId());

		this.working.acknowledge(opened.getId(), 0, "alice.owner");

		Case stored = this.cases.findById(opened.getId()).orElseThrow();
		assertThat(stored.getState()).isEqualTo(CaseState.ACKNOWLEDGED);
		assertThat(stored.getOutbox()).extracting(OutboxEvent::eventId)
			.hasSize(1)
			.doesNotContain("routed-" + opened.getId());
		assertThat(stored.getVersion()).isEqualTo(1);
	}

	@Test
	void neverQueuesAgainAnEventTheRelayPublishedWhileAReporterMessageWasRecorded() {
		Case opened = openWithPendingEvent("alice.owner");
		relayPublishesBetweenReadAndWrite(opened.getId(), "routed-" + opened.getId());

		this.working.reporterWrote(opened.getReportId(),
				new ReporterMessage("reply-1", NOW, ReporterMessage.Kind.REPLY, "More detail"));

		Case stored = this.cases.findById(opened.getId()).orElseThrow();
		assertThat(stored.getConversation()).extracting(ReporterMessage::eventId).containsExactly("reply-1");
		assertThat(stored.getOutbox()).isEmpty();
	}

	@Test
	void refusesAStaleVersionAndChangesNothing() {
		Case opened = openWithPendingEvent("alice.owner");
		this.working.acknowledge(opened.getId(), 0, "alice.owner");

		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.working.recordProgress(opened.getId(), 0, "alice.owner", "late"))
			.isInstanceOf(WorkingOnCase.StaleCaseException.class);
		assertThat(this.cases.findById(opened.getId()).orElseThrow().getAudit()).extracting(AuditEntry::action)
			.containsExactly("ROUTE", "ACKNOWLEDGE");
	}

	@Test
	void movesAReassignedCaseFromOneQueueToTheOther() {
		Case opened = openWithPendingEvent("owner-" + UUID.randomUUID());
		this.working.reassign(opened.getId(), 0, opened.getOwnerId(), "bob.elsewhere-" + opened.getId(), "wrong team");

		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(opened.getOwnerId()), 0, 20).cases()).isEmpty();
		assertThat(
				this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy("bob.elsewhere-" + opened.getId()), 0, 20).cases())
			.extracting(Case::getId)
			.containsExactly(opened.getId());
	}

	@Test
	void repairsAQueueEntryThatMissedAChangeOfItsCase() {
		String owner = "owner-" + UUID.randomUUID();
		Case opened = openWithPendingEvent(owner);
		this.store.updateFirst(Query.query(Criteria.where("_id").is(opened.getId())),
				new Update().set("state", CaseState.ACKNOWLEDGED.name()).inc("version", 1), CaseStore.WORKING);

		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), 0, 20).cases()).isEmpty();
		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), 0, 20).cases()).singleElement()
			.satisfies((found) -> assertThat(found.getState()).isEqualTo(CaseState.ACKNOWLEDGED));
	}

	@Test
	void spreadsALongQueueOverSeveralDocumentsAndListsItWhole() {
		String owner = "owner-" + UUID.randomUUID();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			ids.add(openWithPendingEvent(owner).getId());
		}

		OwnerQueue.QueuePage first = this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), 0, 20);
		assertThat(first.total()).isEqualTo(300);
		assertThat(first.cases()).hasSize(20);
		assertThat(IntStream.range(0, 15)
			.boxed()
			.flatMap((page) -> this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), page, 20).cases().stream())
			.map(Case::getId)).containsExactlyInAnyOrderElementsOf(ids);
		List<Document> documents = this.store.find(
				Query.query(Criteria.where("_id").regex("^" + Pattern.quote("owner:" + owner) + "#")), Document.class,
				QueueIndex.COLLECTION);
		assertThat(documents).hasSizeGreaterThan(QueueIndex.BUCKETS / 2)
			.allSatisfy((document) -> assertThat(document.get("entries", Document.class)).hasSizeLessThan(30));
	}

	@Test
	void rebuildsAQueueEntryLostBetweenTheCaseWriteAndItsIndexWrite() {
		String owner = "owner-" + UUID.randomUUID();
		Case opened = CaseMother.highSeverityCaseOf(owner, NOW);
		this.cases.insert(opened);
		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), 0, 20).total()).isZero();

		this.queues.rebuild();

		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), 0, 20).cases()).extracting(Case::getId)
			.containsExactly(opened.getId());
		// built from the few fields the rebuild reads, the entry is the one a writer
		// records
		assertThat(this.queues.entries(QueueIndex.key(Queue.OWNER, owner))).containsEntry(opened.getId(),
				QueueIndex.Entry.of(this.cases.findById(opened.getId()).orElseThrow()));
	}

	@Test
	void keepsWhatWritersRecordWhileTheQueuesAreRebuilt() {
		String owner = "owner-" + UUID.randomUUID();
		Case acknowledged = openWithPendingEvent(owner);
		// a crash between the case's write and its entry's: the entry still shows version
		// 0
		this.store.updateFirst(Query.query(Criteria.where("_id").is(acknowledged.getId())),
				new Update().set("state", CaseState.ACKNOWLEDGED.name()).inc("version", 1), CaseStore.WORKING);
		List<Case> routed = new ArrayList<>();
		QueueIndex rebuilding = new QueueIndex(writersActAfterTheCasesAreRead(() -> {
			this.working.recordProgress(acknowledged.getId(), 1, owner, "Looking into it");
			routed.add(openWithPendingEvent(owner));
		}));

		rebuilding.rebuild();

		assertThat(routed).hasSize(1);
		Map<String, QueueIndex.Entry> entries = this.queues.entries(QueueIndex.key(Queue.OWNER, owner));
		assertThat(entries).containsOnlyKeys(acknowledged.getId(), routed.get(0).getId());
		assertThat(entries.get(acknowledged.getId()).version()).isEqualTo(2);
		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy(owner), 0, 20).cases()).extracting(Case::getId)
			.containsExactlyInAnyOrder(acknowledged.getId(), routed.get(0).getId());
	}

	@Test
	void rebuildingRemovesEntriesOfCasesNoLongerOpenAndThenHasNothingLeftToDo() {
		String owner = "owner-" + UUID.randomUUID();
		Case open = openWithPendingEvent(owner);
		Case gone = CaseMother.highSeverityCaseOf(owner, NOW);
		this.queues.record(gone);

		this.queues.rebuild();

		assertThat(this.queues.entries(QueueIndex.key(Queue.OWNER, owner))).containsOnlyKeys(open.getId());
		// nothing else writes here meanwhile (listeners off, scanner and relay idle)
		assertThat(this.queues.rebuild()).isZero();
	}

	@Test
	void findsAnArchivedCaseByIdAndReportIdAndRecordsALateMessageOnIt() {
		Case closed = CaseMother.highSeverityCaseOf("alice.owner", NOW);
		Document archived = new Document();
		this.store.getConverter().write(closed, archived);
		archived.put("state", CaseState.CLOSED.name());
		archived.put("version", 3L);
		this.store.insert(archived, CaseStore.ARCHIVE);

		assertThat(this.cases.findById(closed.getId())).get().extracting(Case::getState).isEqualTo(CaseState.CLOSED);
		assertThat(this.cases.findByReportId(closed.getReportId())).isPresent();
		this.working.reporterWrote(closed.getReportId(),
				new ReporterMessage("late-1", NOW, ReporterMessage.Kind.CONTEST, "I still disagree"));

		assertThat(this.store.findById(closed.getId(), Case.class, CaseStore.ARCHIVE).getConversation())
			.extracting(ReporterMessage::eventId)
			.containsExactly("late-1");
		assertThat(this.store.findById(closed.getId(), Case.class, CaseStore.WORKING)).isNull();
	}

	@Test
	void exportsTheAuditTrailOfOpenAndArchivedCasesAlike() {
		Case open = openWithPendingEvent("alice.owner");
		Case closed = CaseMother.highSeverityCaseOf("alice.owner", NOW);
		this.store.insert(closed, CaseStore.ARCHIVE);

		assertThat(this.mvc.get()
			.uri("/api/v1/audit?from=2026-06-09T00:00:00Z&to=2026-06-10T00:00:00Z")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user("casey.compliance")
				.roles("COMPLIANCE")))
			.bodyJson()
			.extractingPath("$[*].caseId")
			.asArray()
			.contains(open.getId(), closed.getId());
	}

	private Case openWithPendingEvent(String owner) {
		Case opened = CaseMother.highSeverityCaseOf(owner, NOW);
		opened.queue(new OutboxEvent("routed-" + opened.getId(), "recourse.cases", opened.getReportId(),
				new byte[] { 1 }, NOW));
		this.cases.insert(opened);
		this.queues.record(opened);
		return opened;
	}

	/** The store as the rebuild sees it: writers act once it has read the open cases. */
	private MongoTemplate writersActAfterTheCasesAreRead(Runnable writers) {
		return new MongoTemplate(this.store.getMongoDatabaseFactory(), this.store.getConverter()) {

			@Override
			public <T> Stream<T> stream(Query query, Class<T> type, String collection) {
				if (!CaseStore.WORKING.equals(collection)) {
					return super.stream(query, type, collection);
				}
				List<T> read = super.stream(query, type, collection).toList();
				writers.run();
				return read.stream();
			}

		};
	}

	private void relayPublishesBetweenReadAndWrite(String caseId, String eventId) {
		((RelayingClock) this.clock).between = () -> this.store.updateFirst(
				Query.query(Criteria.where("_id").is(caseId)),
				new Update().pull("outbox", new Document("eventId", eventId)).set("outboxPending", false),
				CaseStore.WORKING);
	}

	/**
	 * A fixed clock that, once, runs what the relay would do, when first asked the time.
	 */
	static final class RelayingClock extends Clock {

		volatile Runnable between;

		@Override
		public Instant instant() {
			Runnable relay = this.between;
			this.between = null;
			if (relay != null) {
				relay.run();
			}
			return NOW;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}

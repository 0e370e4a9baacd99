package org.recourse.triage.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseClosed;
import org.recourse.events.CaseDeescalated;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseRouted;
import org.recourse.events.RegulatoryReportFiled;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.SlaClock;
import org.recourse.events.SlaWarning;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.triage.cases.AuditEntry;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseRepository;
import org.recourse.triage.cases.CaseState;
import org.recourse.triage.cases.CaseStore;
import org.recourse.triage.cases.OwnerQueue;
import org.recourse.triage.cases.QueueIndex;
import org.recourse.triage.cases.ScanSchedule;
import org.recourse.triage.cases.WorkingOnCase;
import org.recourse.triage.sla.SeriousIncident;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reports in, cases in a MongoDB-protocol store, SLA events out on
 * {@code recourse.cases}, with a clock the tests move. The schedule is set an hour apart
 * so that only the tests scan; every test works on its own cases.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "recourse.sla.scan-interval=1h" })
@EmbeddedKafka(partitions = 1,
		topics = { EscalationFlowTests.REPORTS, "recourse.reports.DLT", EscalationFlowTests.CASES })
@DirtiesContext
class EscalationFlowTests {

	static final String REPORTS = "recourse.reports";

	static final String CASES = "recourse.cases";

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	@TestBean(methodName = "org.recourse.triage.escalation.EscalationMother#movableClock")
	Clock clock;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	CaseRepository cases;

	@Autowired
	MongoTemplate store;

	@Autowired
	CaseStore caseStore;

	@Autowired
	ScanSchedule schedule;

	@Autowired
	QueueIndex queues;

	@Autowired
	OwnerQueue ownerQueue;

	@Autowired
	SlaScanner scanner;

	@Autowired
	CheckingDeadlines checking;

	@Autowired
	EscalationSettings settings;

	@Autowired
	WorkingOnCase working;

	@Autowired
	LockProvider locks;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ScheduledTaskHolder scheduled;

	@Value("${recourse.sla.lock-at-most-for}")
	String lockAtMostFor;

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_triage"));
	}

	@BeforeEach
	void connect() {
		moveClockTo(EscalationMother.START);
		this.kafka = new KafkaProbe(this.broker.getBrokersAsString());
	}

	@AfterEach
	void disconnect() {
		this.kafka.close();
	}

	@Test
	void escalatesARoutedCasePastItsDeadlineOncePerStepAndAnnouncesTheDeescalation() throws Exception {
		ReportSubmitted report = EscalationMother.criticalReport();
		String key = report.getReportId().toString();
		this.kafka.send(REPORTS, key, report);
		Case routed = eventually().until(() -> this.cases.findByReportId(key), (found) -> found.isPresent())
			.orElseThrow();
		Instant due = routed.getAcknowledgeBy();

		scanAt(due.minus(Duration.ofMinutes(15)));
		scanAt(due);
		scanAt(due.plusSeconds(30));
		scanAt(due.plus(Duration.ofHours(4)));
		scanAt(due.plus(Duration.ofHours(12)));

		eventually().untilAsserted(() -> assertThat(events(key)).extracting(Object::getClass)
			.containsExactly(CaseRouted.class, SlaWarning.class, CaseEscalated.class, CaseEscalated.class));
		assertThat(events(key)).filteredOn(CaseEscalated.class::isInstance)
			.map(CaseEscalated.class::cast)
			.extracting(CaseEscalated::getLevel, CaseEscalated::getEscalatedTo, CaseEscalated::getClock)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "dan.deputy", SlaClock.FIRST_RESPONSE),
					org.assertj.core.groups.Tuple.tuple(2, "compliance", SlaClock.FIRST_RESPONSE));
		Case escalated = this.cases.findById(routed.getId()).orElseThrow();
		assertThat(escalated.getEscalationChain()).containsExactly("alice.owner", "dan.deputy", "compliance");
		assertThat(escalated.getAudit()).extracting(AuditEntry::action)
			.containsExactly("ROUTE", "SLA_WARNING", "ESCALATE", "ESCALATE");

		this.working.acknowledge(escalated.getId(), escalated.getVersion(), "alice.owner");
		scanAt(due.plus(Duration.ofHours(12)));

		eventually().untilAsserted(() -> assertThat(events(key)).extracting(Object::getClass)
			.endsWith(CaseAcknowledged.class, CaseDeescalated.class));
		assertThat(this.meters.get("recourse.sla.escalations")
			.tags("level", "2", "clock", "first_response", "to", "compliance")
			.counter()
			.count()).isPositive();
	}

	@Test
	void closesAnUncontestedResolvedCaseWithAnEventThenMovesItToTheArchive() {
		Instant resolvedAt = this.clock.instant();
		Case resolved = open(EscalationMother.resolvedCase(resolvedAt));
		this.queues.record(resolved);
		String key = resolved.getReportId();

		scanAt(resolvedAt.plus(Case.CLOSE_AFTER).minusSeconds(1));
		assertThat(this.caseStore.findById(resolved.getId()).orElseThrow().getState()).isEqualTo(CaseState.RESOLVED);
		scanAt(resolvedAt.plus(Case.CLOSE_AFTER));

		eventually().untilAsserted(() -> assertThat(events(key)).filteredOn(CaseClosed.class::isInstance)
			.map(CaseClosed.class::cast)
			.singleElement()
			.satisfies((closed) -> {
				assertThat(closed.getCaseId()).isEqualTo(resolved.getId());
				assertThat(closed.getActor()).isEqualTo("system");
				assertThat(closed.getResolvedAt()).isEqualTo(resolvedAt);
				assertThat(closed.getOccurredAt()).isEqualTo(resolvedAt.plus(Case.CLOSE_AFTER));
			}));
		eventually().until(() -> this.store.findById(resolved.getId(), Case.class, CaseStore.WORKING) == null
				|| this.store.findById(resolved.getId(), Case.class, CaseStore.WORKING).getOutbox().isEmpty());
		scanAt(resolvedAt.plus(Case.CLOSE_AFTER).plusSeconds(30));

		assertThat(this.store.findById(resolved.getId(), Case.class, CaseStore.WORKING)).isNull();
		Case archived = this.store.findById(resolved.getId(), Case.class, CaseStore.ARCHIVE);
		assertThat(archived.getState()).isEqualTo(CaseState.CLOSED);
		assertThat(archived.getAudit()).extracting(AuditEntry::action).endsWith("RESOLVE", "CLOSE");
		assertThat(this.ownerQueue.find(OwnerQueue.QueueFilter.ownedBy("alice.owner"), 0, 100).cases())
			.extracting(Case::getId)
			.doesNotContain(resolved.getId());
		scanAt(resolvedAt.plus(Case.CLOSE_AFTER).plus(Duration.ofDays(1)));
		assertThat(events(key)).filteredOn(CaseClosed.class::isInstance).hasSize(1);
	}

	@Test
	void keepsAFlaggedResolvedCaseOpenUntilItsRegulatoryReportIsFiledThenClosesIt() {
		Instant resolvedAt = this.clock.instant();
		Case flagged = EscalationMother.resolvedCase(resolvedAt);
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.OTHER_SERIOUS_INCIDENT, resolvedAt,
				"Unsafe advice given to many", resolvedAt);
		open(flagged);
		String key = flagged.getReportId();

		scanAt(resolvedAt.plus(Case.CLOSE_AFTER));
		Case stillOpen = this.caseStore.findById(flagged.getId()).orElseThrow();
		assertThat(stillOpen.getState()).isEqualTo(CaseState.RESOLVED);
		assertThat(stillOpen.getBreachedClocks()).contains(org.recourse.triage.sla.SlaClock.REGULATORY);

		Instant filedAt = resolvedAt.plus(Case.CLOSE_AFTER).plusSeconds(60);
		moveClockTo(filedAt);
		this.working.fileRegulatoryReport(flagged.getId(), stillOpen.getVersion(), "casey.compliance", "MSA-2026-0042",
				filedAt);
		scanAt(filedAt.plusSeconds(30));

		eventually().untilAsserted(() -> assertThat(events(key)).extracting(Object::getClass)
			.containsSubsequence(CaseEscalated.class, RegulatoryReportFiled.class, CaseDeescalated.class,
					CaseClosed.class));
		assertThat(this.meters.get("recourse.sla.outcomes")
			.tags("clock", "regulatory", "outcome", "breached", "system", "hr-assistant")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void twoScannersOnTheSameDueCaseEscalateItOnce() {
		Case overdue = open(EscalationMother.overdueCriticalCase(this.clock.instant()));
		SlaScanner one = new SlaScanner(this.store, this.checking, this.schedule, this.queues, this.settings,
				this.clock);
		SlaScanner other = new SlaScanner(this.store, this.checking, this.schedule, this.queues, this.settings,
				this.clock);
		Instant now = this.clock.instant();

		List<Case> seenByOne = one.due(now);
		List<Case> seenByOther = other.due(now);
		one.check(seenByOne, now);
		other.check(seenByOther, now);

		assertThat(seenByOther).extracting(Case::getId).contains(overdue.getId());
		assertEscalatedOnce(overdue);
	}

	@Test
	void twoScannersRacingOnTwoThreadsEscalateEveryCaseOnce() throws Exception {
		List<Case> overdue = IntStream.range(0, 10)
			.mapToObj((i) -> open(EscalationMother.overdueCriticalCase(this.clock.instant())))
			.toList();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<CompletableFuture<Void>> scans = IntStream.range(0, 2).mapToObj((i) -> {
				SlaScanner replica = new SlaScanner(this.store, this.checking, this.schedule, this.queues,
						this.settings, this.clock);
				return CompletableFuture.runAsync(() -> {
					awaitQuietly(start);
					replica.scan();
				}, threads);
			}).toList();
			start.countDown();
			CompletableFuture.allOf(scans.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}

		overdue.forEach(this::assertEscalatedOnce);
	}

	@Test
	void scansOnlyWhileNoOtherReplicaHoldsTheLock() {
		Case overdue = open(EscalationMother.overdueCriticalCase(this.clock.instant()));
		SimpleLock heldElsewhere = this.locks
			.lock(new LockConfiguration(Instant.now(), "sla-scanner", Duration.ofMinutes(1), Duration.ZERO))
			.orElseThrow();

		this.scanner.scan();
		assertThat(this.cases.findById(overdue.getId()).orElseThrow().getEscalationLevel()).isZero();

		heldElsewhere.unlock();
		this.scanner.scan();
		assertThat(this.cases.findById(overdue.getId()).orElseThrow().getEscalationLevel()).isEqualTo(1);
	}

	@Test
	void aReplicaKilledWhileScanningHoldsTheScannerBackNoLongerThanItsLock() {
		Case overdue = open(EscalationMother.overdueCriticalCase(this.clock.instant()));
		Duration lockAtMostFor = Duration.parse(this.lockAtMostFor);
		// taken by a replica that died (so never released) almost lockAtMostFor ago
		new MongoLockProvider(this.store.getDb())
			.lock(new LockConfiguration(Instant.now().minus(lockAtMostFor).plusSeconds(5), "sla-scanner", lockAtMostFor,
					Duration.ZERO))
			.orElseThrow();

		this.scanner.scan();
		assertThat(this.cases.findById(overdue.getId()).orElseThrow().getEscalationLevel()).isZero();

		eventually().untilAsserted(() -> {
			this.scanner.scan();
			assertThat(this.cases.findById(overdue.getId()).orElseThrow().getEscalationLevel()).isEqualTo(1);
		});
		assertThat(lockAtMostFor).as("how long a killed replica can delay escalations")
			.isLessThanOrEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void runsTheScannerOnASchedule() {
		assertThat(this.scheduled.getScheduledTasks()).map((task) -> task.getTask().toString())
			.anySatisfy((task) -> assertThat(task).contains("SlaScanner.scan"));
	}

	private void assertEscalatedOnce(Case overdue) {
		Case after = this.cases.findById(overdue.getId()).orElseThrow();
		assertThat(after.getAudit()).filteredOn((entry) -> entry.action().equals("ESCALATE")).hasSize(1);
		assertThat(after.getEscalationLevel()).isEqualTo(1);
		eventually().until(() -> this.cases.findById(overdue.getId()).orElseThrow().getOutbox().isEmpty());
		assertThat(events(overdue.getReportId())).filteredOn(CaseEscalated.class::isInstance).hasSize(1);
	}

	private Case open(Case opened) {
		this.caseStore.insert(opened);
		return opened;
	}

	private void scanAt(Instant now) {
		moveClockTo(now);
		this.scanner.scan();
	}

	private void moveClockTo(Instant now) {
		((EscalationMother.MovableClock) this.clock).set(now);
	}

	private List<Object> events(String reportId) {
		return this.kafka.events(CASES, reportId);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(30));
	}

}

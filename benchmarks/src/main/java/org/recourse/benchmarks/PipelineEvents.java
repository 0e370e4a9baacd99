package org.recourse.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.serde.AvroEventDeserializer;

/**
 * Times, for every report the benchmark submits, when intake's outbox relay published it
 * ({@code ReportSubmitted} on {@code recourse.reports}), when its case was routed
 * ({@code CaseRouted} on {@code recourse.cases}) and when its reporter update "received"
 * was published ({@code ReporterUpdate} on {@code recourse.reporter-updates}), by reading
 * the topics from their end as the services' own consumers do, keyed by report id: the
 * end-to-end latency and where it is spent (intake's relay, triage, notification). This
 * costs the stack nothing but one more fetch per topic (polling the HTTP APIs for every
 * report would itself load the machine); {@link VisibilityProbe} checks on a sample that
 * what the events say is what the APIs show.
 */
final class PipelineEvents implements AutoCloseable {

	static final String REPORTS = "recourse.reports";

	static final String CASES = "recourse.cases";

	static final String UPDATES = "recourse.reporter-updates";

	/**
	 * An event whose report the benchmark never registers is forgotten after this long.
	 */
	private static final long ORPHAN_NANOS = TimeUnit.MINUTES.toNanos(5);

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final AvroEventDeserializer avro = new AvroEventDeserializer();

	private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

	private final LongAdder acceptedTotal = new LongAdder();

	private final LongAdder completedTotal = new LongAdder();

	private final LongAdder undecodable = new LongAdder();

	private final Thread thread;

	private final VisibilityProbe probe;

	private volatile boolean running = true;

	/** One report on its way through the stack; times are {@code System.nanoTime()}. */
	static final class Tracked {

		final String reportId;

		final long created = System.nanoTime();

		StackPhase phase;

		long sent;

		long accepted;

		long published;

		long routed;

		long received;

		String receiptCode;

		boolean sample;

		String caseId;

		String ownerId;

		String system;

		String severity;

		/** Why the owner's queue did not list the case at the last look. */
		volatile String queueMiss;

		int queueBisections;

		long statusVisible;

		long queueVisible;

		private boolean queueCheckStarted;

		private boolean statusCheckStarted;

		Tracked(String reportId) {
			this.reportId = reportId;
		}

	}

	PipelineEvents(String bootstrap, VisibilityProbe probe) {
		this.probe = probe;
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "recourse-load-benchmark");
		this.consumer = new KafkaConsumer<>(config);
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(REPORTS, CASES, UPDATES)) {
			partitions.addAll(partitions(topic));
		}
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		// seekToEnd is lazy: ask for each position now, so nothing sent later is skipped
		partitions.forEach(this.consumer::position);
		this.thread = new Thread(this::run, "pipeline-events");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private List<TopicPartition> partitions(String topic) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			List<PartitionInfo> found = this.consumer.listTopics(Duration.ofSeconds(10)).get(topic);
			if (found != null && !found.isEmpty()) {
				return found.stream().map((info) -> new TopicPartition(topic, info.partition())).toList();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Topic " + topic + " does not exist: is the stack running?");
			}
			sleep(500);
		}
	}

	/** Registers a report that intake accepted. */
	void submitted(StackPhase phase, String reportId, long sent, long accepted, String receiptCode, boolean sample) {
		this.acceptedTotal.increment();
		Tracked report = this.tracked.computeIfAbsent(reportId, Tracked::new);
		synchronized (report) {
			report.phase = phase;
			report.sent = sent;
			report.accepted = accepted;
			report.receiptCode = receiptCode;
			report.sample = sample;
			progress(report);
		}
	}

	/** Reports accepted so far, and of those, finished end to end. */
	long accepted() {
		return this.acceptedTotal.sum();
	}

	long completed() {
		return this.completedTotal.sum();
	}

	long undecodable() {
		return this.undecodable.sum();
	}

	/** Reports of {@code phase}'s measured window not yet finished end to end. */
	long unfinished(StackPhase phase) {
		return this.tracked.values().stream().filter((report) -> report.phase == phase).count();
	}

	private void run() {
		long lastSweep = System.nanoTime();
		try {
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					long now = System.nanoTime();
					SpecificRecord event = decode(record);
					if (event instanceof ReportSubmitted submitted) {
						published(submitted.getReportId().toString(), now);
					}
					else if (event instanceof CaseRouted routed) {
						routed(routed, now);
					}
					else if (event instanceof ReporterUpdate update
							&& update.getType() == ReporterUpdateType.RECEIVED) {
						received(update.getReportId().toString(), now);
					}
				}
				if (System.nanoTime() - lastSweep > TimeUnit.SECONDS.toNanos(10)) {
					lastSweep = System.nanoTime();
					long forgetBefore = lastSweep - ORPHAN_NANOS;
					this.tracked.values().removeIf((report) -> report.phase == null && report.created < forgetBefore);
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	private SpecificRecord decode(ConsumerRecord<byte[], byte[]> record) {
		try {
			return this.avro.deserialize(record.topic(), record.value());
		}
		catch (RuntimeException ex) {
			this.undecodable.increment();
			return null;
		}
	}

	private void published(String reportId, long now) {
		Tracked report = this.tracked.computeIfAbsent(reportId, Tracked::new);
		synchronized (report) {
			if (report.published == 0) {
				report.published = now;
			}
			progress(report);
		}
	}

	private void routed(CaseRouted routed, long now) {
		Tracked report = this.tracked.computeIfAbsent(routed.getReportId().toString(), Tracked::new);
		synchronized (report) {
			if (report.routed == 0) {
				report.routed = now;
				report.caseId = routed.getCaseId();
				report.ownerId = routed.getOwnerId();
				report.system = routed.getAiSystemId();
				report.severity = routed.getSeverity().name();
			}
			progress(report);
		}
	}

	private void received(String reportId, long now) {
		Tracked report = this.tracked.computeIfAbsent(reportId, Tracked::new);
		synchronized (report) {
			if (report.received == 0) {
				report.received = now;
			}
			progress(report);
		}
	}

	/** Called with the report's lock held, whenever one of its times became known. */
	private void progress(Tracked report) {
		StackPhase phase = report.phase;
		if (phase == null) {
			return;
		}
		boolean measured = phase.measured(report.sent);
		if (measured && report.sample) {
			if (report.routed != 0 && !report.queueCheckStarted) {
				report.queueCheckStarted = true;
				this.probe.checkQueue(report);
			}
			if (report.received != 0 && !report.statusCheckStarted) {
				report.statusCheckStarted = true;
				this.probe.checkStatus(report);
			}
		}
		if (report.received == 0 || report.routed == 0) {
			// both are needed; the two topics' records may arrive in either order
			return;
		}
		this.completedTotal.increment();
		this.tracked.remove(report.reportId);
		if (measured) {
			if (report.published != 0) {
				StackPhase.record(phase.published, report.published - report.sent);
				StackPhase.record(phase.triage, report.routed - report.published);
			}
			StackPhase.record(phase.notification, report.received - report.routed);
			StackPhase.record(phase.routed, report.routed - report.sent);
			StackPhase.record(phase.e2e, Math.max(report.received, report.accepted) - report.sent);
			phase.measuredCompleted.increment();
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

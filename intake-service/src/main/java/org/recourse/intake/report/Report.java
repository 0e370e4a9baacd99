package org.recourse.intake.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.recourse.events.outbox.OutboxEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A report as the reporter filed it, the reporter-facing timeline, and the events still
 * to publish. Holds no identity: the reporter is only {@code reporterRef}, the receipt
 * code only its look-up part and a bcrypt hash.
 */
@Document("reports")
// the outbox relay's sweep: pending documents, oldest first (the index gives the
// filter and the order)
@CompoundIndex(name = "outbox_sweep", def = "{'outboxPending': 1, 'submittedAt': 1}")
public class Report {

	@Id
	private String id;

	@Indexed(unique = true)
	private String receiptLookup;

	private String receiptHash;

	private String reporterRef;

	private Instant submittedAt;

	private String aiSystemId;

	private String aiSystemName;

	private ReportKind kind;

	private HarmKind harmKind;

	private Severity severity;

	private String aiOutput;

	private String whatIsWrong;

	private String expected;

	private LocalDate happenedOn;

	private String evidenceUrl;

	@Indexed(unique = true, sparse = true)
	private String idempotencyLookup;

	private String idempotencyFingerprint;

	private byte[] idempotencyReceipt;

	private List<TimelineEntry> timeline = new ArrayList<>();

	private List<OutboxEvent> outbox = new ArrayList<>();

	private boolean outboxPending;

	protected Report() {
	}

	Report(String id, String receiptLookup, String receiptHash, String reporterRef, Instant submittedAt,
			ReportForm form) {
		this.id = id;
		this.receiptLookup = receiptLookup;
		this.receiptHash = receiptHash;
		this.reporterRef = reporterRef;
		this.submittedAt = submittedAt;
		this.aiSystemId = form.systemNotListed() ? null : form.aiSystemId();
		this.aiSystemName = form.systemNotListed() ? form.aiSystemName() : null;
		this.kind = form.kind();
		this.harmKind = (form.kind() == ReportKind.HARMFUL_OUTPUT) ? form.harmKind() : null;
		this.severity = form.severity();
		this.aiOutput = form.aiOutput();
		this.whatIsWrong = form.whatIsWrong();
		this.expected = form.expected();
		this.happenedOn = form.happenedOn();
		this.evidenceUrl = form.evidenceUrl();
	}

	void rememberIdempotency(String lookup, String fingerprint, byte[] sealedReceipt) {
		this.idempotencyLookup = lookup;
		this.idempotencyFingerprint = fingerprint;
		this.idempotencyReceipt = sealedReceipt;
	}

	String getIdempotencyFingerprint() {
		return this.idempotencyFingerprint;
	}

	byte[] getIdempotencyReceipt() {
		return this.idempotencyReceipt;
	}

	void queue(List<OutboxEvent> events) {
		this.outbox.addAll(events);
		this.outboxPending = !this.outbox.isEmpty();
	}

	public String getId() {
		return this.id;
	}

	public String getReceiptHash() {
		return this.receiptHash;
	}

	public String getReporterRef() {
		return this.reporterRef;
	}

	public Instant getSubmittedAt() {
		return this.submittedAt;
	}

	public String getAiSystemId() {
		return this.aiSystemId;
	}

	public String getAiSystemName() {
		return this.aiSystemName;
	}

	public ReportKind getKind() {
		return this.kind;
	}

	public HarmKind getHarmKind() {
		return this.harmKind;
	}

	public Severity getSeverity() {
		return this.severity;
	}

	public String getAiOutput() {
		return this.aiOutput;
	}

	public String getWhatIsWrong() {
		return this.whatIsWrong;
	}

	public String getExpected() {
		return this.expected;
	}

	public LocalDate getHappenedOn() {
		return this.happenedOn;
	}

	public String getEvidenceUrl() {
		return this.evidenceUrl;
	}

	public List<TimelineEntry> getTimeline() {
		return this.timeline;
	}

	public List<OutboxEvent> getOutbox() {
		return this.outbox;
	}

}

package org.recourse.intake.report;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.recourse.intake.contact.ContactSealer;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.intake.receipt.ReceiptCode;
import org.recourse.intake.receipt.ReceiptHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Accepts a valid report: one insert stores the report and its outgoing events together,
 * so once the receipt is shown the report can no longer be lost, whatever happens to
 * Kafka. The reporter's e-mail is sealed for notification-service and travels only inside
 * the outgoing contact event.
 */
@Service
public class SubmittingReport {

	private static final Logger logger = LoggerFactory.getLogger(SubmittingReport.class);

	private static final int ATTEMPTS = 3;

	private final SecureRandom random = new SecureRandom();

	private final ReportRepository reports;

	private final ReceiptHasher hasher;

	private final ContactSealer sealer;

	private final ReportEventsOutbox events;

	private final OutboxRelay relay;

	/** {@code recourse.reports.accepted} by kind and severity, registered once. */
	private final Map<ReportKind, Map<Severity, Counter>> accepted = new EnumMap<>(ReportKind.class);

	private final Clock clock;

	SubmittingReport(ReportRepository reports, ReceiptHasher hasher, ContactSealer sealer, ReportEventsOutbox events,
			OutboxRelay relay, MeterRegistry meters, Clock clock) {
		this.reports = reports;
		this.hasher = hasher;
		this.sealer = sealer;
		this.events = events;
		this.relay = relay;
		for (ReportKind kind : ReportKind.values()) {
			Map<Severity, Counter> bySeverity = new EnumMap<>(Severity.class);
			for (Severity severity : Severity.values()) {
				bySeverity.put(severity,
						meters.counter("recourse.reports.accepted", "kind", kind.name(), "severity", severity.name()));
			}
			this.accepted.put(kind, bySeverity);
		}
		this.clock = clock;
	}

	public Receipt submit(ReportForm form) {
		return submit(form, null);
	}

	/**
	 * Submits once per idempotency key: a retry with the same key and the same report
	 * returns the first receipt; the same key with a different report is refused.
	 * <p>
	 * The first attempt inserts straight away: the unique index on the key's look-up
	 * refuses the insert of a key used before, and only then is the first submission
	 * read. So a new key, the usual case, costs one write and no read.
	 */
	public Receipt submit(ReportForm form, IdempotencyKey key) {
		for (int attempt = 1;; attempt++) {
			Optional<Receipt> earlier = (key != null && attempt > 1) ? replay(key, form) : Optional.empty();
			if (earlier.isPresent()) {
				return earlier.get();
			}
			ReceiptCode code = ReceiptCode.generate();
			Report report = new Report(UUID.randomUUID().toString(), code.lookup(), this.hasher.hash(code),
					newReporterRef(), this.clock.instant(), form);
			if (key != null) {
				report.rememberIdempotency(key.lookup(), key.fingerprint(form), key.seal(code.display()));
			}
			report.queue(outgoing(report, form));
			try {
				this.reports.insert(report);
			}
			catch (DuplicateKeyException ex) {
				// the key was used before (or a concurrent retry with it won the race),
				// or,
				// rarely, a receipt look-up collision: the next round tells
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				continue;
			}
			this.relay.wake(report.getId(), report.getOutbox());
			this.accepted.get(form.kind()).get(form.severity()).increment();
			logger.info("Accepted report {}", report.getId());
			return new Receipt(report.getId(), code);
		}
	}

	private Optional<Receipt> replay(IdempotencyKey key, ReportForm form) {
		return this.reports.findByIdempotencyLookup(key.lookup()).map((first) -> {
			if (!key.fingerprint(form).equals(first.getIdempotencyFingerprint())) {
				throw new IdempotencyKeyReusedException();
			}
			ReceiptCode code = ReceiptCode.parse(key.open(first.getIdempotencyReceipt())).orElseThrow();
			return new Receipt(first.getId(), code);
		});
	}

	private List<OutboxEvent> outgoing(Report report, ReportForm form) {
		List<OutboxEvent> outgoing = new ArrayList<>(2);
		outgoing.add(this.events.submitted(report));
		if (StringUtils.hasText(form.email())) {
			byte[] sealed = this.sealer.seal(form.email().strip(), report.getReporterRef());
			outgoing.add(this.events.contactRegistered(report, sealed));
		}
		return outgoing;
	}

	private String newReporterRef() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The key was used before for a different report. */
	public static class IdempotencyKeyReusedException extends RuntimeException {

		IdempotencyKeyReusedException() {
			super("This Idempotency-Key was already used for a different report");
		}

	}

	/**
	 * What the reporter gets back: the report id and the receipt code, which is never
	 * shown again.
	 */
	public record Receipt(String reportId, ReceiptCode code) {
	}

}

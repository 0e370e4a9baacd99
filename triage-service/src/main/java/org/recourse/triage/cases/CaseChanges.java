package org.recourse.triage.cases;

import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.recourse.events.outbox.OutboxEvent;

import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What one decision changed on a case, as a targeted update rather than the whole
 * document: every field is set (or unset) from the case as it is now, except the lists
 * that only ever grow, whose new entries are pushed, and the outbox, which gets only the
 * events queued now. The relay removes published events from the stored outbox while a
 * case is being worked on; writing the document back whole would queue them again.
 */
public final class CaseChanges {

	private static final Set<String> APPENDED = Set.of("audit", "conversation", "outbox");

	private static final Set<String> NOT_SET = Set.of("_id", "version", "outboxPending", "_class");

	private final Case changed;

	private final int auditBefore;

	private final int conversationBefore;

	private final int outboxBefore;

	private final String queueBefore;

	private CaseChanges(Case read) {
		this.changed = read;
		this.queueBefore = QueueIndex.key(read);
		this.auditBefore = read.getAudit().size();
		this.conversationBefore = read.getConversation().size();
		this.outboxBefore = read.getOutbox().size();
	}

	/** Call before changing {@code read}. */
	public static CaseChanges of(Case read) {
		return new CaseChanges(read);
	}

	public Case changed() {
		return this.changed;
	}

	/** The queue the case was in when read. */
	String queueBefore() {
		return this.queueBefore;
	}

	/** The events queued on the case since it was read. */
	public List<OutboxEvent> events() {
		List<OutboxEvent> outbox = this.changed.getOutbox();
		return List.copyOf(outbox.subList(this.outboxBefore, outbox.size()));
	}

	Update update(MongoConverter converter) {
		Document now = new Document();
		converter.write(this.changed, now);
		Update update = new Update().inc("version", 1);
		MongoPersistentEntity<?> entity = converter.getMappingContext().getRequiredPersistentEntity(Case.class);
		for (MongoPersistentProperty property : entity) {
			String field = property.getFieldName();
			if (NOT_SET.contains(field) || APPENDED.contains(field)) {
				continue;
			}
			if (now.containsKey(field)) {
				update.set(field, now.get(field));
			}
			else {
				update.unset(field);
			}
		}
		push(update, now, "audit", this.auditBefore);
		push(update, now, "conversation", this.conversationBefore);
		if (push(update, now, "outbox", this.outboxBefore)) {
			update.set("outboxPending", true);
		}
		return update;
	}

	private static boolean push(Update update, Document now, String field, int before) {
		List<?> all = now.getList(field, Object.class, List.of());
		if (all.size() <= before) {
			return false;
		}
		update.push(field).each(all.subList(before, all.size()).toArray());
		return true;
	}

}

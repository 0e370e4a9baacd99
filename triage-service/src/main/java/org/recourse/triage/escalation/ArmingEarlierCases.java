package org.recourse.triage.escalation;

import java.time.Clock;

import org.recourse.triage.cases.Case;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Cases stored before the escalation ladder existed carry no ladder and no next check
 * time, so the scanner would never see them. At start-up they are made due now; the
 * scanner's first look gives each its ladder and its real next check time, after which no
 * case matches here again. Idempotent, so every replica may run it.
 */
@Component
class ArmingEarlierCases {

	private static final Logger logger = LoggerFactory.getLogger(ArmingEarlierCases.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	ArmingEarlierCases(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void arm() {
		long armed = this.mongo
			.updateMulti(Query.query(Criteria.where("sla").exists(false)),
					new Update().set("nextCheckAt", this.clock.instant()), Case.class)
			.getModifiedCount();
		if (armed > 0) {
			logger.info("{} cases from before SLA escalation will have their clocks checked", armed);
		}
	}

}

/**
 * Escalation: a scanner that reads only the cases whose SLA clocks are due (an indexed
 * query on {@code nextCheckAt}), lets each case decide (warn, escalate one level up its
 * chain, announce a de-escalation) and saves it with its audit entries and events in one
 * versioned write. Publishes sla-warning, case-escalated and case-deescalated (via the
 * outbox) on {@code recourse.cases}. Safe with several replicas: a Mongo-backed ShedLock
 * lets one replica scan at a time, and the case's version check makes a double step
 * impossible even without it.
 */
package org.recourse.triage.escalation;

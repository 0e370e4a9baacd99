/**
 * The AI-system registry: who is accountable for each system, their deputy, the
 * escalation chain, the calendar and the SLA policy. Seeded from a file at start-up; the
 * public subset (id and name) feeds intake's form.
 */
package org.recourse.triage.registry;

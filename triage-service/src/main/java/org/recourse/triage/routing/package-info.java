/**
 * Routing: consumes report-submitted, opens exactly one case per report and routes it to
 * the AI system's accountable owner, or to the governance queue when the system is
 * unknown, not listed or has no owner. Publishes case-routed (via the outbox).
 */
package org.recourse.triage.routing;

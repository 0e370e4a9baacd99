/**
 * What compliance sees in Prometheus (DESIGN.md section 6): counters and histograms
 * recorded as cases move ({@link org.recourse.triage.metrics.CaseMetrics}), and gauges of
 * the open backlog and of systems without an owner refreshed on a schedule
 * ({@link org.recourse.triage.metrics.BacklogGauges}). Labels are bounded (registry
 * system ids, enums) and never name a reporter; small groups are hidden by the dashboards
 * and alerts (see ops/README.md).
 */
package org.recourse.triage.metrics;

/**
 * The audit trail for compliance: every step of every case in a time range, as JSON or
 * CSV. Entries are read from the cases (each case's trail is appended in the same write
 * as the change it records) and never name the reporter.
 */
package org.recourse.triage.audit;

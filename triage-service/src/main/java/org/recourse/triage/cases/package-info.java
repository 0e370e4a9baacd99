/**
 * Cases: one per report, with the report as filed (never the reporter's identity), the
 * routing, the SLA snapshot and the events still to publish. The read API lives here too.
 */
package org.recourse.triage.cases;

/**
 * SLA maths in plain Java: business calendars, policies and the deadlines they give, when
 * a clock warns, and the escalation ladder each case carries ({@link SlaWatch}). No
 * Spring, no store, so every rule is a unit test away.
 */
package org.recourse.triage.sla;

/**
 * SLA maths in plain Java: business calendars, policies and the deadlines they give. No
 * Spring, no store, so every rule is a unit test away.
 */
package org.recourse.triage.sla;

/**
 * The list of AI systems the form offers, read from triage-service's public registry API
 * and cached, so the form keeps working (with "Not listed") while triage is away.
 */
package org.recourse.intake.systems;

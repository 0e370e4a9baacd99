/**
 * The reporter's status page and API, reached only with a receipt code sent in a form or
 * body (never in a URL). Consumes reporter-facing updates from notification-service into
 * each report's timeline.
 */
package org.recourse.intake.status;

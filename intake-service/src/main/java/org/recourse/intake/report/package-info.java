/**
 * Taking a report: the web form and the API, their shared validation, and the use case
 * that stores the report together with its outgoing events. Publishes report-submitted
 * and reporter-contact-registered (via the outbox).
 */
package org.recourse.intake.report;

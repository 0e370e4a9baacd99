/**
 * E-mail to reporters: for every reporter-facing update, a reporter who left an address
 * gets one e-mail that says only that there is news and where to read it (behind the
 * receipt code). Delivery is driven from the update's own record, so it survives restarts
 * and SMTP outages: retried with backoff, claimed so that replicas never send the same
 * e-mail twice at once, and given up only after many attempts, with a dead letter that
 * says why.
 */
package org.recourse.notification.mail;

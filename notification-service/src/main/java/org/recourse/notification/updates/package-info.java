/**
 * Reporter updates: consumes case events and composes what the reporter reads on their
 * status page, in plain language and without naming anyone. One update per case event:
 * the update's id is the cause event's id, so a redelivered event cannot compose a second
 * one. Publishes reporter-update (via the outbox).
 */
package org.recourse.notification.updates;

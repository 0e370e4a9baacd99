/**
 * What the services' Kafka consumers do with a record they cannot handle: the shared
 * {@link org.recourse.events.deadletter.DeadLetterPolicy policy} (dead-letter at once,
 * retry until it works, or retry then dead-letter), the checks that refuse impossible
 * values, the reason each dead letter carries, and counting and logging them.
 */
package org.recourse.events.deadletter;

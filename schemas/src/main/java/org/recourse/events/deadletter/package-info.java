/**
 * Counting what the services' Kafka error handlers dead-letter.
 */
package org.recourse.events.deadletter;

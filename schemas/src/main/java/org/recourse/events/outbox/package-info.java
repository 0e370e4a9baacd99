/**
 * The transactional outbox. Events are stored inside the document whose change they
 * announce (one atomic write with the change itself) and a relay publishes them to Kafka
 * afterwards, in order, retrying with backoff while the broker is away. Delivery is at
 * least once; consumers deduplicate on the event id.
 */
package org.recourse.events.outbox;

/**
 * The events of the platform. The record classes in this package are generated at build
 * time from {@code src/main/avro}; every released version of each record is frozen under
 * {@code avro-history/<Record>/v<N>.avsc} and kept readable by
 * {@link org.recourse.events.serde}.
 */
package org.recourse.events;

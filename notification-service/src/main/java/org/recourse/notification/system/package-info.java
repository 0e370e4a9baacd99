/** Cross-cutting set-up: Kafka topics and error handling, health, clock. */
package org.recourse.notification.system;

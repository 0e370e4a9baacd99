/**
 * Cross-cutting set-up: Kafka topics and error handling, health, problem responses, form
 * binding.
 */
package org.recourse.intake.system;

/**
 * The local stack: one command, no Docker. Starts the embedded MongoDB-protocol store (H2
 * on disk, so data survives a restart), a real Kafka broker in KRaft mode and the three
 * services, each as a child process, and stops them all on Ctrl-C. The end-to-end tests
 * start the same stack on free ports.
 */
package org.recourse.localstack;

/**
 * On-demand benchmarks that drive a running Recourse stack over HTTP and report
 * throughput and latency. Run through {@code ./benchmark} at the repository root; never
 * part of the tests, so no speed target can fail a build.
 */
package org.recourse.benchmarks;

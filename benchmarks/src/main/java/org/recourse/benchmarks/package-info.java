/**
 * On-demand benchmarks: {@code SubmitBenchmark} drives a running Recourse stack over HTTP
 * and reports throughput and latency ({@code ./benchmark}); {@code CaseStoreBenchmark}
 * seeds a large history of cases and times triage's queue and scanner against it
 * ({@code ./benchmark-cases}); {@code LoadBenchmark} drives the whole stack and times
 * every report end to end against the bare-store ceiling ({@code ./benchmark-load}).
 * Never part of the tests, so no speed target can fail a build.
 */
package org.recourse.benchmarks;

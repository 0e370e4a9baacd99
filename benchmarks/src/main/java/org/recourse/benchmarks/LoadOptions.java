package org.recourse.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the command line asked {@link LoadBenchmark} for. Either it starts the local stack
 * itself ({@code --stack-jar}) or it attaches to one that runs ({@code --intake-url} and
 * the others).
 */
final class LoadOptions {

	static final String USAGE = """
			Usage: LoadBenchmark [options]
			Load:
			  --concurrency N      requests in flight at most, for the stack and the ceiling alike (default 16)
			  --warmup S           unmeasured seconds before the ceiling and before the closed loop (default 60;
			                       on 2 cores the JIT needs about 60 s)
			  --duration S         measured seconds of each phase (default 60)
			  --count N            at most N measured reports per stack phase (default: no limit; the phase ends
			                       at --duration or at N reports, whichever comes first)
			  --rate R[,R2...]     fixed rates (reports/s) for the sustained end-to-end phases, each run after the
			                       closed loop; "auto" (default): 80 % of what intake (closed loop) and the
			                       pipeline (draining its backlog) manage together, at most 40 % of the ceiling,
			                       and half that rate if the first is not sustained; "none" skips them
			  --rate-warmup S      unmeasured seconds at the fixed rate before measuring it (default 15)
			  --drain S            after each phase, how long to wait at most for every report to finish end to
			                       end (default 600; the closed loop can accept far more than the pipeline
			                       finishes, and the next phase should start with an empty pipeline)
			  --sample-every N     check 1 report in N through the real HTTP APIs (status page and the owner's
			                       queue) after its events arrived; 0 = never (default 50)
			  --idle S             seconds without load after the closed loop has drained: each process's
			                       background CPU, for reading the CPU per report at low rates (default 20;
			                       0 = none)
			  --skip-ceiling       do not measure the bare-store ceiling (no ratios then)
			  --no-mail-wait       do not wait for the e-mails a phase left owed: by default, after the closed
			                       loop (before the idle window) and before each further fixed rate, it waits
			                       until notification-service's count of delivery attempts is unchanged for
			                       15 s (at most 20 min), so that what follows is a steady state
			Starting the stack (default):
			  --stack-jar PATH     the local-stack launcher jar to start (./benchmark-load passes a private copy)
			  --data-dir DIR       its data and logs (default: a new folder under /tmp, deleted after a successful
			                       run unless --keep-data)
			  --keep-data          keep the data dir
			  --bcrypt-strength N  intake's receipt-hash cost (RECOURSE_RECEIPT_BCRYPTSTRENGTH; default: the
			                       service's own, 10)
			  --service-env K=V    an environment variable for the launcher and so for every service (Spring
			                       properties by relaxed binding, e.g. RECOURSE_SLA_SCANINTERVAL=10s); repeatable.
			                       The per-client rate limit is always switched off (RECOURSE_RATELIMIT_ENABLED=false).
			Attaching to a running stack instead (the per-client rate limit must be off there):
			  --intake-url URL     e.g. http://localhost:8080 (giving it means: attach, start nothing)
			  --triage-url URL     default http://localhost:8081
			  --notification-url URL  default http://localhost:8082 (its heap and GC, and the e-mail wait, which
			                       is skipped when nothing answers there)
			  --kafka HOST:PORT    default 127.0.0.1:9092
			  --mongo-uri URI      the store, for the ceiling (default mongodb://127.0.0.1:27017)
			  --stack-data DIR     the stack's data dir (its logs/*.pid name the processes whose CPU and memory
			                       are reported; default .local-stack when it exists)
			Credentials (the local stack's demo ones by default):
			  --owner-password P   password of the owners alice.owner, bob.owner, carol.owner (recourse-demo)
			  --scrape-password P  the Prometheus scrape credential of each service (scrape-local-only)
			""";

	int concurrency = 16;

	Duration warmup = Duration.ofSeconds(60);

	Duration duration = Duration.ofSeconds(60);

	long count;

	List<Double> rates = new ArrayList<>();

	boolean autoRate = true;

	Duration rateWarmup = Duration.ofSeconds(15);

	Duration drain = Duration.ofSeconds(600);

	int sampleEvery = 50;

	boolean skipCeiling;

	boolean mailWait = true;

	Duration idle = Duration.ofSeconds(20);

	Path stackJar;

	Path dataDir;

	boolean keepData;

	Integer bcryptStrength;

	Map<String, String> serviceEnv = new LinkedHashMap<>();

	String intakeUrl;

	String triageUrl = "http://localhost:8081";

	String notificationUrl = "http://localhost:8082";

	String kafka = "127.0.0.1:9092";

	String mongoUri = "mongodb://127.0.0.1:27017";

	Path stackData;

	String ownerPassword = "recourse-demo";

	String scrapePassword = "scrape-local-only";

	boolean attach() {
		return this.intakeUrl != null;
	}

	/** The options, or null when help was asked for. */
	static LoadOptions parse(String[] args) {
		LoadOptions options = new LoadOptions();
		if (!CommandLine.parse(args, Set.of("--skip-ceiling", "--keep-data", "--no-mail-wait"), options::set)) {
			return null;
		}
		options.check();
		return options;
	}

	private void set(String name, String value) {
		switch (name) {
			case "--skip-ceiling" -> this.skipCeiling = true;
			case "--keep-data" -> this.keepData = true;
			case "--no-mail-wait" -> this.mailWait = false;
			case "--concurrency" -> this.concurrency = Integer.parseInt(value);
			case "--warmup" -> this.warmup = seconds(value);
			case "--duration" -> this.duration = seconds(value);
			case "--count" -> this.count = Long.parseLong(value);
			case "--rate" -> rates(value);
			case "--rate-warmup" -> this.rateWarmup = seconds(value);
			case "--drain" -> this.drain = seconds(value);
			case "--idle" -> this.idle = seconds(value);
			case "--sample-every" -> this.sampleEvery = Integer.parseInt(value);
			case "--stack-jar" -> this.stackJar = Path.of(value);
			case "--data-dir" -> this.dataDir = Path.of(value);
			case "--bcrypt-strength" -> this.bcryptStrength = Integer.valueOf(value);
			case "--service-env" -> serviceEnv(value);
			case "--intake-url" -> this.intakeUrl = stripSlash(value);
			case "--triage-url" -> this.triageUrl = stripSlash(value);
			case "--notification-url" -> this.notificationUrl = stripSlash(value);
			case "--kafka" -> this.kafka = value;
			case "--mongo-uri" -> this.mongoUri = value;
			case "--stack-data" -> this.stackData = Path.of(value);
			case "--owner-password" -> this.ownerPassword = value;
			case "--scrape-password" -> this.scrapePassword = value;
			default -> throw new IllegalArgumentException("Unknown option " + name);
		}
	}

	private void rates(String value) {
		this.rates.clear();
		this.autoRate = "auto".equals(value);
		if (this.autoRate || "none".equals(value)) {
			return;
		}
		for (String rate : value.split(",")) {
			this.rates.add(Double.valueOf(rate.trim()));
		}
	}

	private void serviceEnv(String value) {
		int equals = value.indexOf('=');
		if (equals < 1) {
			throw new IllegalArgumentException("--service-env takes NAME=VALUE, not " + value);
		}
		this.serviceEnv.put(value.substring(0, equals), value.substring(equals + 1));
	}

	private void check() {
		if (this.concurrency < 1 || this.duration.isZero() || this.count < 0 || this.sampleEvery < 0) {
			throw new IllegalArgumentException(
					"concurrency and duration must be at least 1; count and sample-every" + " at least 0");
		}
		if (this.rates.stream().anyMatch((rate) -> !(rate > 0))) {
			throw new IllegalArgumentException("every --rate must be above 0");
		}
		if (!attach() && this.stackJar == null) {
			throw new IllegalArgumentException(
					"Either --stack-jar (start the local stack) or --intake-url (attach to a running one)");
		}
		if (attach() && this.stackData == null && Path.of(".local-stack", "logs").toFile().isDirectory()) {
			this.stackData = Path.of(".local-stack");
		}
	}

	private static Duration seconds(String value) {
		long seconds = Long.parseLong(value);
		if (seconds < 0) {
			throw new NumberFormatException(value);
		}
		return Duration.ofSeconds(seconds);
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}

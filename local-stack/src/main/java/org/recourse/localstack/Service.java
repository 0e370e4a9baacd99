package org.recourse.localstack;

import java.util.List;

/** The three services, their jars and the arguments that wire them to the stack. */
enum Service {

	TRIAGE("triage-service"), NOTIFICATION("notification-service"), INTAKE("intake-service");

	private final String artifact;

	Service(String artifact) {
		this.artifact = artifact;
	}

	String artifact() {
		return this.artifact;
	}

	int port(StackSettings settings) {
		return switch (this) {
			case INTAKE -> settings.intakePort();
			case TRIAGE -> settings.triagePort();
			case NOTIFICATION -> settings.notificationPort();
		};
	}

	String database() {
		return "recourse_" + name().toLowerCase(java.util.Locale.ROOT);
	}

	/** The command line of an instance listening on {@code port}. */
	List<String> arguments(StackSettings settings, int port) {
		List<String> common = java.util.stream.Stream.concat(settings.serviceJvmOptions().stream(),
				java.util.stream.Stream.of("-jar",
						settings.servicesDir().resolve(this.artifact + ".jar").toAbsolutePath().toString(),
						"--server.port=" + port, "--spring.mongodb.uri=" + settings.mongoUri(database()),
						"--spring.kafka.bootstrap-servers=" + settings.kafkaBootstrap()))
			.toList();
		java.util.stream.Stream<String> own = switch (this) {
			case INTAKE -> java.util.stream.Stream
				.of("--recourse.triage.base-url=http://" + StackSettings.HOST + ":" + settings.triagePort());
			case NOTIFICATION -> java.util.stream.Stream.of("--spring.mail.host=" + StackSettings.HOST,
					"--spring.mail.port=" + settings.smtpPort(),
					"--recourse.mail.status-page-url=" + settings.url(settings.intakePort()) + "/status",
					"--recourse.links.triage-base-url=" + settings.url(settings.triagePort()));
			default -> java.util.stream.Stream.empty();
		};
		return java.util.stream.Stream
			.concat(java.util.stream.Stream.concat(common.stream(), own), settings.serviceArguments().stream())
			.toList();
	}

}

package org.recourse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (org.apache.kafka:kafka_2.13) in KRaft combined mode, one node
 * acting as broker and controller, every replication factor 1. The log directory is
 * formatted once; later starts reuse it, so topics and offsets survive a restart like the
 * store's data does.
 */
final class KafkaBroker {

	private KafkaBroker() {
	}

	static ChildProcess start(StackSettings settings) {
		Path dir = settings.dataDir().resolve("kafka").toAbsolutePath();
		Path config = writeConfig(settings, dir);
		Path log4j = copyResource("broker-log4j2.properties", dir.resolve("log4j2.properties"));
		List<String> jvm = List.of("-Xmx512m", "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp",
				ChildProcess.ownClasspath());
		if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
			ChildProcess format = ChildProcess.startJava("kafka-format", concat(jvm, "kafka.tools.StorageTool",
					"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), Map.of(), settings.logs());
			int exit = format.waitFor(Duration.ofSeconds(60));
			if (exit != 0) {
				throw new IllegalStateException("Formatting the Kafka log directory failed; see " + format.log());
			}
		}
		ChildProcess broker = ChildProcess.startJava("kafka", concat(jvm, "kafka.Kafka", config.toString()), Map.of(),
				settings.logs());
		broker.awaitPort(StackSettings.HOST, settings.kafkaPort(), Duration.ofSeconds(90));
		return broker;
	}

	private static Path writeConfig(StackSettings settings, Path dir) {
		String controller = StackSettings.HOST + ":" + settings.kafkaControllerPort();
		String properties = String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@" + controller,
				"listeners=PLAINTEXT://" + settings.kafkaBootstrap() + ",CONTROLLER://" + controller,
				"advertised.listeners=PLAINTEXT://" + settings.kafkaBootstrap(), "controller.listener.names=CONTROLLER",
				"inter.broker.listener.name=PLAINTEXT",
				"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
				"log.dirs=" + dir.resolve("logs"), "num.partitions=3", "default.replication.factor=1",
				"min.insync.replicas=1", "offsets.topic.replication.factor=1",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
				"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=true", "");
		try {
			Files.createDirectories(dir);
			Path file = dir.resolve("server.properties");
			Files.writeString(file, properties);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path copyResource(String name, Path target) {
		try (InputStream in = KafkaBroker.class.getResourceAsStream("/" + name)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> concat(List<String> first, String... rest) {
		return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(rest)).toList();
	}

}

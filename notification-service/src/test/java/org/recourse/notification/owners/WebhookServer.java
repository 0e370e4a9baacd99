package org.recourse.notification.owners;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for Slack or Teams incoming webhooks: {@code /ok/...}
 * answers 204, {@code /broken/...} answers 500. Keeps every post it received.
 */
final class WebhookServer {

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();

	private WebhookServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				String path = exchange.getRequestURI().getPath();
				this.posts.add(new Post(path, exchange.getRequestHeaders().getFirst("Content-Type"),
						new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				exchange.sendResponseHeaders(path.startsWith("/ok/") ? 204 : 500, -1);
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> this.server.stop(0), "webhook-server-stop"));
	}

	static WebhookServer start() {
		try {
			return new WebhookServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	List<Post> postsTo(String path) {
		return this.posts.stream().filter((post) -> post.path().equals(path)).toList();
	}

	List<Post> posts() {
		return List.copyOf(this.posts);
	}

	record Post(String path, String contentType, String body) {
	}

}

package org.recourse.intake.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the embedded store whose cable a test can pull and plug back
 * in: unplugged, it drops every open connection and closes each new one at once, so the
 * service sees the store as a real outage would show it (connections reset, server
 * selection timing out), and its data is still there when the cable is back.
 */
final class UnpluggableStore implements AutoCloseable {

	private final InetSocketAddress store;

	private final ServerSocket listening;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean plugged = true;

	private UnpluggableStore(InetSocketAddress store) throws IOException {
		this.store = store;
		this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("store-cable-accept", this::acceptAll);
	}

	static UnpluggableStore inFrontOf(InetSocketAddress store) {
		try {
			return new UnpluggableStore(store);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String uri(String database, String options) {
		return "mongodb://127.0.0.1:" + this.listening.getLocalPort() + "/" + database + "?" + options;
	}

	void unplug() {
		this.plugged = false;
		this.open.forEach(UnpluggableStore::closeQuietly);
		this.open.clear();
	}

	void plugIn() {
		this.plugged = true;
	}

	@Override
	public void close() {
		unplug();
		closeQuietly(this.listening);
	}

	private void acceptAll() {
		while (!this.listening.isClosed()) {
			try {
				Socket client = this.listening.accept();
				if (!this.plugged) {
					client.close();
					continue;
				}
				Socket upstream = new Socket(this.store.getAddress(), this.store.getPort());
				this.open.add(client);
				this.open.add(upstream);
				daemon("store-cable-up", () -> pump(client, upstream));
				daemon("store-cable-down", () -> pump(upstream, client));
			}
			catch (IOException ex) {
				// closed, or one connection failed: the next accept decides
			}
		}
	}

	private void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// the cable was pulled, or either side hung up
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}

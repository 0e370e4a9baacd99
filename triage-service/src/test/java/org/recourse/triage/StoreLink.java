package org.recourse.triage;

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
 * The network between the service and its store, as a TCP relay on a local port that a
 * test can cut (every connection dropped, new ones refused, as when the store crashes or
 * a network partition happens) and restore on the same port.
 */
public final class StoreLink implements AutoCloseable {

	private final InetSocketAddress store;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	private final int port;

	public StoreLink(String storeUri) {
		String hostAndPort = storeUri.replaceFirst("^mongodb://", "").replaceFirst("/.*$", "");
		this.store = new InetSocketAddress(hostAndPort.substring(0, hostAndPort.lastIndexOf(':')),
				Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1)));
		this.port = listen(0);
	}

	/** The URI of {@code database} through this link. */
	public String uri(String database) {
		return "mongodb://127.0.0.1:" + this.port + "/" + database;
	}

	/** Drops every connection and refuses new ones. */
	public synchronized void cut() {
		closeQuietly(this.listener);
		this.open.forEach(StoreLink::closeQuietly);
		this.open.clear();
	}

	/** Accepts connections again, on the same port. */
	public synchronized void restore() {
		listen(this.port);
	}

	private int listen(int on) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
			this.listener = socket;
			Thread accepting = new Thread(() -> accept(socket), "store-link-accept");
			accepting.setDaemon(true);
			accepting.start();
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket server = new Socket(this.store.getAddress(), this.store.getPort());
				this.open.add(client);
				this.open.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// the link was cut
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side went away
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "store-link-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		cut();
	}

}

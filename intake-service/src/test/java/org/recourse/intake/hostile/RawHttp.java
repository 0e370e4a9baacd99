package org.recourse.intake.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 written byte by byte over a socket, so a test can send what an HTTP client
 * refuses to: invalid UTF-8, bare CRs in headers, bodies larger than any limit.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Declares a body of {@code declaredLength} bytes but sends only its start, as a
	 * client would that the server should stop before reading everything.
	 */
	static Answer send(int port, String head, byte[] start, long declaredLength) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write((head + "\r\nContent-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(start);
			out.flush();
			return Answer.of(readAnswer(socket.getInputStream()));
		}
	}

	/** Sends the head (lines joined with CRLF) and the body; returns the whole answer. */
	static Answer send(int port, String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write((head + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
			}
			catch (SocketException ex) {
				// the server may answer and close before reading all of an oversized body
			}
			return Answer.of(readAll(socket.getInputStream()));
		}
	}

	/**
	 * Reads the head and a body of the announced Content-Length, without waiting for
	 * close.
	 */
	private static byte[] readAnswer(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		int end = -1;
		while (end < 0) {
			int b = in.read();
			if (b < 0) {
				return all.toByteArray();
			}
			all.write(b);
			end = all.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
		}
		Matcher length = Pattern.compile("(?i)Content-Length: (\\d+)")
			.matcher(all.toString(StandardCharsets.ISO_8859_1));
		if (length.find()) {
			all.write(in.readNBytes(Integer.parseInt(length.group(1))));
		}
		return all.toByteArray();
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				all.write(buffer, 0, n);
			}
		}
		catch (SocketException ex) {
			// connection reset after the answer was written
		}
		return all.toByteArray();
	}

	record Answer(int status, String head, String body) {

		static Answer of(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String head = (end < 0) ? text : text.substring(0, end);
			String body = (end < 0) ? "" : text.substring(end + 4);
			int status = (text.length() >= 12) ? Integer.parseInt(text.substring(9, 12)) : -1;
			return new Answer(status, head, body);
		}

	}

}

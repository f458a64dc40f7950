import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Time to first streamed chunk, over one keep-alive HTTP/1.1 connection on a raw socket (no client
 * library in the measurement). Each request is written, then the clock stops at the first body byte
 * of the first SSE {@code data:} event; the rest of the answer is drained (Content-Length or chunked)
 * so the connection is reused.
 *
 * <p>Run with the JDK's source launcher: {@code java FirstChunkProbe.java <url> <model> <warmup> <n> [Header: value]...}.
 * Prints {@code RESULT p50=<ms> p99=<ms> n=<n>}.
 */
public class FirstChunkProbe {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String model = args[1];
        int warmup = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a helpful assistant. Answer briefly.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello! Can you tell me, in one short sentence, what an AI gateway does?\"}],"
                + "\"temperature\":0.2,\"user\":\"bench-user\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Content-Type: application/json\r\nAccept: text/event-stream\r\n")
                .append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        for (int i = 4; i < args.length; i++) {
            head.append(args[i]).append("\r\n");
        }
        head.append("\r\n");
        byte[] request = concat(head.toString().getBytes(StandardCharsets.US_ASCII), bodyBytes);

        long[] samples = new long[n];
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            for (int i = 0; i < warmup + n; i++) {
                long started = System.nanoTime();
                out.write(request);
                out.flush();
                long firstChunk = exchange(in, started);
                if (i >= warmup) {
                    samples[i - warmup] = firstChunk;
                }
            }
        }
        Arrays.sort(samples);
        System.out.printf("RESULT p50=%.3f p99=%.3f n=%d%n", samples[n / 2] / 1e6, samples[(int) (n * 0.99)] / 1e6, n);
    }

    /** Reads one whole response; answers nanoseconds from {@code started} to the first byte of "data:". */
    private static long exchange(InputStream in, long started) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected answer: " + status);
        }
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        long first = -1;
        Matcher data = new Matcher("data:".getBytes(StandardCharsets.US_ASCII));
        if (chunked) {
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                long chunk = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (chunk == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                for (long j = 0; j < chunk; j++) {
                    int b = in.read();
                    if (b < 0) throw new IOException("closed mid-chunk");
                    if (first < 0 && data.feed(b)) first = System.nanoTime() - started;
                }
                line(in);
            }
        } else if (length >= 0) {
            for (long j = 0; j < length; j++) {
                int b = in.read();
                if (b < 0) throw new IOException("closed mid-body");
                if (first < 0 && data.feed(b)) first = System.nanoTime() - started;
            }
        } else {
            throw new IOException("neither Content-Length nor chunked: cannot keep the connection");
        }
        if (first < 0) {
            throw new IOException("no data: event in the answer");
        }
        return first;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("connection closed");
            if (b != '\r') s.append((char) b);
        }
        return s.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Finds a byte sequence in a stream of bytes. */
    private static final class Matcher {
        private final byte[] needle;
        private int matched;

        Matcher(byte[] needle) {
            this.needle = needle;
        }

        boolean feed(int b) {
            matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
            if (matched == needle.length) {
                matched = 0;
                return true;
            }
            return false;
        }
    }
}

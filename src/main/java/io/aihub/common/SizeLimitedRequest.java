package io.aihub.common;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request whose body stream fails with {@link BodyTooLargeException} once more than
 * {@code maxBytes} have been read, so a chunked body without Content-Length cannot exhaust memory.
 * Used by the management API's and the gateway's body-limit filters alike.
 */
public final class SizeLimitedRequest extends HttpServletRequestWrapper {

    /** Thrown while reading an oversize body; each surface's advice maps it to its own 413. */
    public static final class BodyTooLargeException extends IOException {
        private final long maxBytes;

        BodyTooLargeException(long maxBytes) {
            super("request body exceeds " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private final long maxBytes;
    private ServletInputStream stream;

    public SizeLimitedRequest(HttpServletRequest request, long maxBytes) {
        super(request);
        this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            ServletInputStream in = super.getInputStream();
            stream = new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++count > maxBytes) throw new BodyTooLargeException(maxBytes);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = in.read(buffer, off, len);
                    if (n > 0 && (count += n) > maxBytes) throw new BodyTooLargeException(maxBytes);
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
        return stream;
    }
}

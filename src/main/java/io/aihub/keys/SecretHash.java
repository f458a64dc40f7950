package io.aihub.keys;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A SHA-256 digest as four longs: the cache's key. Compared with a 64-character hex string it is
 * one small object with a cheap equals, so a validation touches less memory on a large cache.
 * The hex form (what the database stores) is computed only on a cache miss.
 */
record SecretHash(long a, long b, long c, long d) {

    static SecretHash of(byte[] sha256) {
        ByteBuffer buffer = ByteBuffer.wrap(sha256);
        return new SecretHash(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    static SecretHash ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    String hex() {
        HexFormat format = HexFormat.of();
        return format.toHexDigits(a) + format.toHexDigits(b) + format.toHexDigits(c) + format.toHexDigits(d);
    }

    /** The digest is uniformly random already: its first bits are as good a hash code as any. */
    @Override
    public int hashCode() {
        return Long.hashCode(a);
    }
}

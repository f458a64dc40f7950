package io.aihub.limits;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script from {@code src/main/resources/io/aihub/limits}, run by its SHA-1 (EVALSHA: only the
 * digest travels). When Redis does not know the script (first use, restart, SCRIPT FLUSH) it answers
 * NOSCRIPT and the script is sent once in full with EVAL, which also caches it for the next EVALSHA.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    String sha() {
        return sha;
    }

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript of(String source) {
        return new LuaScript(source);
    }

    static LuaScript load(String name) {
        return load(LuaScript.class, name);
    }

    /** A script stored next to {@code owner} (its package's resource folder); other modules' scripts use this. */
    public static LuaScript load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name);
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a script returning a Lua table of integers. */
    List<Long> list(RedisCommands<String, String> redis, String key, Object... args) {
        List<Object> result = run(redis, ScriptOutputType.MULTI, key, args);
        return result.stream().map(Long.class::cast).toList();
    }

    /** Runs a script returning one integer. */
    long number(RedisCommands<String, String> redis, String key, Object... args) {
        Long result = run(redis, ScriptOutputType.INTEGER, key, args);
        return result;
    }

    /** Runs a script over several keys returning a Lua table of integers (one atomic step across all of them). */
    public List<Long> list(RedisCommands<String, String> redis, List<String> keys, List<String> args) {
        List<Object> result = run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray());
        return result.stream().map(Long.class::cast).toList();
    }

    /** Runs a script over several keys returning a Lua table of integers and strings. */
    public List<Object> values(RedisCommands<String, String> redis, List<String> keys, List<String> args) {
        return run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray());
    }

    private <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String key, Object... args) {
        return run(redis, type, new String[] {key}, args);
    }

    private <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, Object... args) {
        String[] values = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = String.valueOf(args[i]);
        }
        try {
            return redis.evalsha(sha, type, keys, values);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, values);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

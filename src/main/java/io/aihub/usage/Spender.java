package io.aihub.usage;

import java.math.BigDecimal;

/** One entry of a "top spenders" list: {@code id} is a key id, team id, user id or model name. */
public record Spender(String id, long requests, long tokens, BigDecimal cost) {
}

package io.aihub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    void idsAreUniqueAndOrderedByTime() {
        Clock early = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Clock late = Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.next("org", early))).isTrue();
        }
        String a = Ids.next("org", early);
        String b = Ids.next("org", late);
        assertThat(a).matches("org-[0-9a-z]{26}");
        assertThat(a.substring(0, 14)).isLessThan(b.substring(0, 14));
    }

    @Test
    void randomSecretsHaveTheRequestedShape() {
        String secret = Hashing.randomSecret("org_", 32);
        assertThat(secret).matches("org_[A-Za-z0-9_-]{43}");
        assertThat(Hashing.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

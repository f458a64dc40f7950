package io.aihub.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.common.CredentialCipher;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CredentialCipherTests {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameKeyOnly() {
        CredentialCipher cipher = CredentialCipher.withKey(key(1));
        String a = cipher.seal("sk-secret");
        String b = cipher.seal("sk-secret");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("sk-secret");
        assertThat(cipher.open(a)).isEqualTo("sk-secret");
        assertThatThrownBy(() -> CredentialCipher.withKey(key(2)).open(a))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("sk-secret");
    }

    @Test
    void detectsTampering() {
        CredentialCipher cipher = CredentialCipher.withKey(key(3));
        String sealed = cipher.seal("sk-secret");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.open(new String(chars))).isInstanceOf(IllegalStateException.class);
    }
}

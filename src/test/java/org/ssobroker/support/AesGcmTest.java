package org.ssobroker.support;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AesGcmTest {

    private final AesGcm aes = new AesGcm(new byte[32]);

    @Test
    void aSealedValueOpensOnlyInItsContext() {
        String sealed = aes.seal("hello", "ctx");
        assertThat(aes.open(sealed, "ctx")).contains("hello");
        assertThat(aes.open(sealed, "other")).isEmpty();
    }

    @Test
    void aValueShorterThanNonceAndTagIsRefusedNotAnError() {
        for (int length = 0; length < 40; length++) {
            String forged = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[length]);
            assertThat(aes.open(forged, "ctx")).isEmpty();
        }
    }
}

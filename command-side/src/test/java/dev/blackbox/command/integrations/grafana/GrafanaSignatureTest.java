package dev.blackbox.command.integrations.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Grafana's webhook signature: hex HMAC-SHA256 of the body, or of {@code timestamp:body}. */
class GrafanaSignatureTest {

    private static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2.
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        assertThat(HexFormat.of().formatHex(GrafanaSignature.sign("Jefe", null, BODY))).isEqualTo(expected);
        assertThat(GrafanaSignature.verifies("Jefe", expected, null, BODY)).isTrue();
        assertThat(GrafanaSignature.verifies("Jefe", expected.toUpperCase(), null, BODY)).isTrue();
    }

    @Test
    void aTimestampIsSignedBeforeTheBody() {
        String signature = HexFormat.of().formatHex(GrafanaSignature.sign("Jefe", "1700000000", BODY));

        assertThat(signature).isEqualTo(HexFormat.of().formatHex(GrafanaSignature.sign("Jefe", null,
                ("1700000000:" + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))));
        assertThat(GrafanaSignature.verifies("Jefe", signature, "1700000000", BODY)).isTrue();
        assertThat(GrafanaSignature.verifies("Jefe", signature, "1700000001", BODY)).isFalse();
        assertThat(GrafanaSignature.verifies("Jefe", signature, null, BODY)).isFalse();
    }

    @Test
    void anotherSecretOrNoSignatureDoesNotVerify() {
        String signature = HexFormat.of().formatHex(GrafanaSignature.sign("Jefe", null, BODY));

        assertThat(GrafanaSignature.verifies("jefe", signature, null, BODY)).isFalse();
        assertThat(GrafanaSignature.verifies("Jefe", null, null, BODY)).isFalse();
        assertThat(GrafanaSignature.verifies("Jefe", "not hex at all", null, BODY)).isFalse();
    }
}

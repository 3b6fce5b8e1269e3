package dev.blackbox.command.integrations.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** PagerDuty's X-PagerDuty-Signature against the configured signing secrets. */
class PagerDutySignatureTest {

    private static final String SECRET = "UzNtkIa2w9qzu5KGN5ZYw8w3bAqSxBCbsKoWPNjR3oRTqDaS3Bno5UCMtF7UDSgU";
    private static final byte[] BODY = """
            {"event":{"id":"01DEN5UTHB7RGBN2G4PHHJ6SDA","event_type":"incident.acknowledged"}}"""
            .getBytes(StandardCharsets.UTF_8);

    /** What PagerDuty sends, computed here with the JDK's HMAC rather than the code under test. */
    private static String signed(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void theBodySignedWithTheSecretVerifies() throws Exception {
        assertThat(PagerDutySignature.verifies(BODY, signed(SECRET, BODY), List.of(SECRET))).isTrue();
    }

    @Test
    void duringARotationOneMatchingValueOfSeveralIsEnough() throws Exception {
        String header = signed("the-old-secret", BODY) + ", " + signed(SECRET, BODY);

        assertThat(PagerDutySignature.verifies(BODY, header, List.of(SECRET))).isTrue();
        assertThat(PagerDutySignature.verifies(BODY, signed("the-old-secret", BODY), List.of("another", "the-old-secret")))
                .as("any configured secret may match").isTrue();
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotVerify() throws Exception {
        assertThat(PagerDutySignature.verifies(BODY, signed("guessed", BODY), List.of(SECRET))).isFalse();
    }

    @Test
    void noSignatureDoesNotVerify() {
        assertThat(PagerDutySignature.verifies(BODY, null, List.of(SECRET))).isFalse();
        assertThat(PagerDutySignature.verifies(BODY, "", List.of(SECRET))).isFalse();
    }

    @Test
    void aBodyChangedAfterSigningDoesNotVerify() throws Exception {
        String header = signed(SECRET, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("acknowledged", "resolved")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(PagerDutySignature.verifies(tampered, header, List.of(SECRET))).isFalse();
    }

    @Test
    void valuesOfAnotherVersionOrNotHexOrCutShortDoNotVerify() throws Exception {
        String hex = signed(SECRET, BODY).substring(3);

        assertThat(PagerDutySignature.verifies(BODY, "v2=" + hex, List.of(SECRET))).isFalse();
        assertThat(PagerDutySignature.verifies(BODY, hex, List.of(SECRET))).isFalse();
        assertThat(PagerDutySignature.verifies(BODY, "v1=" + hex.substring(0, 32), List.of(SECRET))).isFalse();
        assertThat(PagerDutySignature.verifies(BODY, "v1=zz" + hex.substring(2), List.of(SECRET))).isFalse();
    }
}

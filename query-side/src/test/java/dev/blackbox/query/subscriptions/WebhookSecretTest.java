package dev.blackbox.query.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void signsAsTheStandardWebhooksExampleDoes() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(secret.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void generatedSecretsAreThirtyTwoRandomBytesInTheWhsecForm() {
        WebhookSecret one = WebhookSecret.generate();
        WebhookSecret two = WebhookSecret.generate();

        assertThat(one.text()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(one.text().substring(6))).hasSize(32).isEqualTo(one.key());
        assertThat(one.text()).isNotEqualTo(two.text());
        assertThat(WebhookSecret.parse(one.text()).key()).isEqualTo(one.key());
    }

    @Test
    void refusesWhatIsNotAWhsecSecretOfTwentyFourToSixtyFourBytes() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("24 to 64 bytes");
    }
}

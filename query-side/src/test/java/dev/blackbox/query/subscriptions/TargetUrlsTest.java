package dev.blackbox.query.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetUrlsTest {

    private final TargetUrls refusingPrivate = new TargetUrls(false);

    @Test
    void refusesThisHostAndLinkLocalAddressesAndSaysWhich() {
        assertThatThrownBy(() -> refusingPrivate.check("http://127.0.0.1:8080/hooks")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> refusingPrivate.check("http://localhost/hooks")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> refusingPrivate.check("http://[::1]/hooks")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> refusingPrivate.check("http://169.254.169.254/latest/meta-data"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> refusingPrivate.check("http://[fe80::1]/hooks")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> refusingPrivate.check("http://0.0.0.0/hooks")).hasMessageContaining("any-local");
    }

    @Test
    void refusesOtherSchemesUsersAndHostsThatDoNotResolve() {
        assertThatThrownBy(() -> refusingPrivate.check("ftp://203.0.113.7/hooks")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> refusingPrivate.check("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> refusingPrivate.check("http://user:pw@203.0.113.7/")).hasMessageContaining("no user");
        assertThatThrownBy(() -> refusingPrivate.check("http://no-such-host.invalid/")).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> refusingPrivate.check(" ")).hasMessageContaining("required");
    }

    @Test
    void takesPublicAddressesAndPrivateOnesWhenAllowed() {
        assertThat(refusingPrivate.check("https://203.0.113.7/hooks").getHost()).isEqualTo("203.0.113.7");
        assertThat(new TargetUrls(true).check("http://127.0.0.1:8080/hooks").getPort()).isEqualTo(8080);
    }
}

package io.newsflow.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundGuardTest {

    private final OutboundGuard guard = OutboundGuard.strict();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "192.0.0.170", "198.18.0.1", "224.0.0.1", "240.0.0.1",
            "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "::127.0.0.1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "64:ff9b::10.0.0.1",
            "2001:0:4136:e378::1"})
    void refusesEveryAddressThatIsNotPublicUnicast(String address) throws Exception {
        assertThat(OutboundGuard.refusal(InetAddress.getByName(address))).as(address).isNotNull();
        assertThatThrownBy(() -> guard.checkAddress(InetAddress.getByName(address)))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "2002:0808:0808::1", "64:ff9b::8.8.8.8"})
    void letsPublicAddressesThrough(String address) throws Exception {
        assertThat(OutboundGuard.refusal(InetAddress.getByName(address))).as(address).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "gopher://example.com", "http://",
            "https://user:pass@example.com/", "http://localhost:8080/hook", "http://api.localhost/",
            "http://localhost./", "http://api.localhost../x",
            "http://127.0.0.1/", "http://[::1]/", "http://[::ffff:7f00:1]/", "http://169.254.169.254/latest/meta-data/",
            "http://2130706433/", "http://0x7f.1/", "http://017700000001/", "not a url", "javascript:alert(1)"})
    void refusesUrlsItCanJudgeWithoutResolving(String url) {
        assertThatThrownBy(() -> guard.checkUrl(url)).as(url).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void acceptsOrdinaryHttpsUrlsAndBoundsTheirLength() throws Exception {
        assertThat(guard.checkUrl("https://hooks.example.com/newsflow?team=1").getHost()).isEqualTo("hooks.example.com");
        assertThatCode(() -> guard.checkUrl("http://93.184.215.14:8080/x")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.checkUrl("https://example.com/" + "a".repeat(OutboundGuard.MAX_URL_LENGTH)))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("longer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "::ffff:169.254.169.254", "2002:a9fe:a9fe::1",
            "64:ff9b::169.254.169.254", "fe80::1", "fec0::1", "0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "239.255.255.250",
            "ff02::1", "240.0.0.1", "255.255.255.255", "192.0.0.170", "198.18.0.1", "::ffff:0.0.0.0",
            "::ffff:224.0.0.1", "2001:0:4136:e378::1"})
    void allowingPrivateAddressesStillRefusesLinkLocalMetadataUnspecifiedReservedAndMulticast(String address)
            throws Exception {
        OutboundGuard demo = new OutboundGuard(true);
        assertThat(OutboundGuard.refusal(InetAddress.getByName(address)).privateUse()).as(address).isFalse();
        assertThatThrownBy(() -> demo.checkAddress(InetAddress.getByName(address))).as(address)
                .isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/",
            "http://[fe80::1]/", "http://0.0.0.0/", "http://224.0.0.1/", "http://[::]/", "http://240.0.0.1/",
            "file:///etc/passwd", "https://user:pass@localhost/"})
    void allowingPrivateAddressesStillRefusesSuchUrls(String url) {
        assertThatThrownBy(() -> new OutboundGuard(true).checkUrl(url)).as(url)
                .isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "fc00::1",
            "fd00:ec2::254", "100.64.0.1", "::ffff:10.1.2.3", "2002:0a01:0203::1"})
    void allowingPrivateAddressesLetsLoopbackPrivateAndSharedAddressesThrough(String address) throws Exception {
        OutboundGuard demo = new OutboundGuard(true);
        assertThat(OutboundGuard.refusal(InetAddress.getByName(address)).privateUse()).as(address).isTrue();
        assertThatCode(() -> demo.checkAddress(InetAddress.getByName(address))).as(address).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.checkAddress(InetAddress.getByName(address))).as(address)
                .isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/feed", "http://10.1.2.3/", "http://localhost:9000/hook",
            "http://api.localhost/", "http://[::1]/", "http://192.168.1.1/rss"})
    void allowingPrivateAddressesAcceptsLocalUrls(String url) {
        assertThatCode(() -> new OutboundGuard(true).checkUrl(url)).as(url).doesNotThrowAnyException();
    }

    @Test
    void theResolverRefusesANameThatResolvesToAPrivateAddress() {
        // "localhost" resolves from the hosts file, without a network
        assertThatThrownBy(() -> guard.dnsResolver().resolve("localhost")).isInstanceOf(OutboundRefusedException.class);
        assertThatCode(() -> new OutboundGuard(true).dnsResolver().resolve("localhost")).doesNotThrowAnyException();
    }
}

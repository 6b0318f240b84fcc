package io.telemetryflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(" 10.0.0.0/8, 192.168.1.7 ,2001:db8::/32");

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        assertThat(TrustedProxies.none().clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
    }

    @Test
    void anUntrustedPeerIsTheClientEvenWithAHeader() {
        assertThat(proxies.clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void fromATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        // the client wrote 1.1.1.1 itself; the first proxy appended the client's real address, the second the first proxy's
        assertThat(proxies.clientAddress("10.1.2.3", List.of("1.1.1.1, 198.51.100.7, 10.9.9.9"))).isEqualTo("198.51.100.7");
        // several headers count as one list in order
        assertThat(proxies.clientAddress("192.168.1.7", List.of("1.1.1.1", "198.51.100.8"))).isEqualTo("198.51.100.8");
    }

    @Test
    void aTrustedProxyWithoutAHeaderIsItselfTheClient() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("10.0.0.1, 10.0.0.2"))).isEqualTo("10.0.0.1");
    }

    @Test
    void garbageWhereAProxyShouldHaveWrittenAnAddressLeavesThePeer() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.7, unknown"))).isEqualTo("10.1.2.3");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.7, localhost"))).isEqualTo("10.1.2.3");
    }

    @Test
    void portsAndBracketsAreStrippedAndIpv6IsMatchedByPrefix() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.7:4711"))).isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("2001:db8:ffff::1", List.of("[2001:db9::5]:443"))).isEqualTo("2001:db9:0:0:0:0:0:5");
        assertThat(proxies.clientAddress("2001:db9::1", List.of("198.51.100.7"))).as("outside the /32").isEqualTo("2001:db9::1");
    }

    @Test
    void cidrPrefixesAreMatchedBitByBit() {
        TrustedProxies block = TrustedProxies.parse("172.16.0.0/12");
        assertThat(block.trusts("172.16.0.1")).isTrue();
        assertThat(block.trusts("172.31.255.255")).isTrue();
        assertThat(block.trusts("172.32.0.0")).isFalse();
        assertThat(block.trusts("172.15.255.255")).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("8.8.8.8")).isTrue();
        assertThat(TrustedProxies.parse("127.0.0.1").trusts("127.0.0.2")).isFalse();
        // an IPv4-mapped IPv6 peer is the IPv4 address
        assertThat(TrustedProxies.parse("127.0.0.1").trusts("::ffff:127.0.0.1")).isTrue();
        assertThat(block.trusts("::1")).isFalse();
    }

    @Test
    void onlyLiteralsAreAddressesNeverNamesToLookUp() {
        assertThat(TrustedProxies.literal("localhost")).isEmpty();
        assertThat(TrustedProxies.literal("example.com")).isEmpty();
        assertThat(TrustedProxies.literal("256.1.1.1")).isEmpty();
        assertThat(TrustedProxies.literal("1.2.3")).isEmpty();
        assertThat(TrustedProxies.literal("fe80::1%eth0")).isEmpty();
        assertThat(TrustedProxies.literal("abc:xyz")).isEmpty();
        assertThat(TrustedProxies.literal("::1")).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(16));
    }

    @Test
    void aBadSettingIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/")).hasMessageContaining("prefix length");
        assertThat(TrustedProxies.parse("2001:db8::/128").trusts("2001:db8::")).isTrue();
    }
}

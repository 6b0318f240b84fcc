package io.telemetryflow.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback", "127.255.0.9|loopback", "0.0.0.0|unspecified", "10.0.0.1|private", "172.16.5.4|private",
            "172.31.255.255|private", "192.168.1.1|private", "100.64.0.1|carrier-grade NAT", "100.127.255.254|carrier-grade NAT",
            "169.254.169.254|cloud metadata", "169.254.10.10|link-local", "100.100.100.200|cloud metadata",
            "224.0.0.251|multicast", "239.1.2.3|multicast", "255.255.255.255|broadcast", "240.0.0.1|reserved",
            "192.0.2.10|documentation", "198.51.100.7|documentation", "203.0.113.99|documentation", "198.18.0.1|benchmarking",
            "192.0.0.170|IETF", "::1|loopback", "::|unspecified", "fd00::1|unique local", "fc00::1|unique local",
            "fd00:ec2::254|cloud metadata", "fe80::1|link-local", "ff02::1|multicast", "2001:db8::1|documentation",
            "::127.0.0.1|IPv4-compatible", "64:ff9b::7f00:1|loopback address inside an IPv6",
            "64:ff9b::a9fe:a9fe|cloud metadata address inside an IPv6", "2002:7f00:1::|loopback address inside an IPv6",
            "2002:c0a8:101::1|private address (RFC 1918) inside an IPv6", "64:ff9b:1::1|local-use NAT64",
            "2001:0:4136:e378::1|Teredo", "fec0::1|site-local"})
    void refusesEveryAddressThatIsNotOrdinaryPublicUnicast(String literal, String reason) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(literal))).as(literal).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "169.253.1.1", "223.255.255.254", "2001:4860:4860::8888", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1"})
    void letsPublicAddressesThrough(String literal) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(literal))).as(literal).isEmpty();
    }

    @Test
    void anIpv4MappedAddressIsJudgedByItsIpv4AddressHoweverItIsBuilt() throws Exception {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        // Inet6Address.getByAddress keeps the 16 bytes (InetAddress.getByName would turn them into an Inet4Address)
        InetAddress kept = Inet6Address.getByAddress(null, mappedLoopback, null);
        assertThat(kept.getAddress()).hasSize(16);
        assertThat(AddressPolicy.refusal(kept)).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(AddressPolicy.refusal(InetAddress.getByName("::ffff:169.254.169.254"))).hasValueSatisfying(r -> assertThat(r).contains("metadata"));
        byte[] mappedPublic = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 4, 4};
        assertThat(AddressPolicy.refusal(Inet6Address.getByAddress(null, mappedPublic, null))).isEmpty();
    }

    @Test
    void otherSpellingsOfLoopbackLandOnTheSameCheck() throws Exception {
        for (byte[] bytes : new byte[][]{{127, 0, 0, 1}, {127, 1, 2, 3}}) {
            assertThat(AddressPolicy.refusal(InetAddress.getByAddress("localhost.example", bytes))).isPresent();
        }
    }
}

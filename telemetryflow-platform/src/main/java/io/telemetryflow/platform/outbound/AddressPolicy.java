package io.telemetryflow.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses outbound requests may not connect to: everything that is not an ordinary public unicast address.
 * Judged on the address bytes, never on a name, so every spelling of a loopback or private address (decimal, hex,
 * IPv4-mapped, 6to4, NAT64) lands on the same check. IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address they carry.
 */
public final class AddressPolicy {

    private record Block(byte[] prefix, int bits, String reason) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    // Cloud metadata services first, so that the reason names them rather than the wider range they sit in.
    private static final List<Block> V4 = List.of(
            block("169.254.169.254/32", "a cloud metadata address"),
            block("100.100.100.200/32", "a cloud metadata address"),
            block("0.0.0.0/8", "an unspecified (\"this network\") address"),
            block("10.0.0.0/8", "a private address (RFC 1918)"),
            block("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private address (RFC 1918)"),
            block("192.0.0.0/24", "an IETF protocol assignment"),
            block("192.0.2.0/24", "a documentation address"),
            block("192.88.99.0/24", "a 6to4 relay anycast address"),
            block("192.168.0.0/16", "a private address (RFC 1918)"),
            block("198.18.0.0/15", "a benchmarking address"),
            block("198.51.100.0/24", "a documentation address"),
            block("203.0.113.0/24", "a documentation address"),
            block("224.0.0.0/4", "a multicast address"),
            block("255.255.255.255/32", "the broadcast address"),
            block("240.0.0.0/4", "a reserved address"));

    private static final List<Block> V6 = List.of(
            block("fd00:ec2::254/128", "a cloud metadata address"),
            block("::/128", "the unspecified address"),
            block("::1/128", "a loopback address"),
            block("::/96", "an IPv4-compatible address (deprecated)"),
            block("64:ff9b:1::/48", "a local-use NAT64 address"),
            block("100::/64", "a discard-only address"),
            block("2001::/32", "a Teredo address"),
            block("2001:2::/48", "a benchmarking address"),
            block("2001:db8::/32", "a documentation address"),
            block("3fff::/20", "a documentation address"),
            block("fc00::/7", "a unique local (private) address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address (deprecated)"),
            block("ff00::/8", "a multicast address"));

    private AddressPolicy() {
    }

    /** Why {@code address} must not be connected to, or empty for an ordinary public address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return first(V4, bytes);
        }
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            return first(V4, embedded.get()).map(reason -> reason + " inside an IPv6 address");
        }
        return first(V6, bytes);
    }

    /** The IPv4 address an IPv4-mapped ({@code ::ffff:0:0/96}), NAT64 ({@code 64:ff9b::/96}) or 6to4 address carries. */
    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        if (startsWith(v6, new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff})
                || startsWith(v6, new byte[]{0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
            return Optional.of(new byte[]{v6[12], v6[13], v6[14], v6[15]});
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Optional.of(new byte[]{v6[2], v6[3], v6[4], v6[5]});
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> first(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(block -> block.contains(address)).map(Block::reason).findFirst();
    }

    private static Block block(String cidr, String reason) {
        int slash = cidr.indexOf('/');
        try {
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (prefix.length == 4 && cidr.contains(":")) {
                throw new IllegalStateException(cidr + " was read as IPv4");
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), reason);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad literal " + cidr, e);
        }
    }
}

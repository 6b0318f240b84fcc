package io.telemetryflow.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which client address a request comes from, given the reverse proxies the operator trusts
 * ({@code telemetryflow.http.trusted-proxies}: IP addresses and CIDR blocks). {@code X-Forwarded-For}
 * is believed only from a trusted peer, and then read from the right: each trusted proxy appends the
 * address it was connected from, so the right-most address that is not a trusted proxy is the client;
 * anything left of it was written by the client and is ignored. Addresses are parsed as literals
 * only, never looked up in DNS.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::\\d{1,5})?");

    /** An address block: the first {@code prefixLength} bits of {@code network}. */
    private record Block(byte[] network, int prefixLength) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            if (!Arrays.equals(address, 0, full, network, 0, full)) {
                return false;
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Nobody is trusted: the socket peer is always the client. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Parses a comma-separated list of IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32});
     * blank means none. Throws {@link IllegalArgumentException} naming the first entry that is neither.
     */
    public static TrustedProxies parse(String setting) {
        List<Block> blocks = new ArrayList<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                String trimmed = entry.strip();
                if (!trimmed.isEmpty()) {
                    blocks.add(block(trimmed));
                }
            }
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(String address) {
        return literal(address).map(this::trusts).orElse(false);
    }

    /**
     * The client's address: the peer's, unless the peer is a trusted proxy; then the right-most
     * {@code X-Forwarded-For} address that is not a trusted proxy (the left-most one when all are).
     * An entry that is not an address where a trusted proxy should have written one makes the peer the answer.
     *
     * @param forwardedFor the values of every {@code X-Forwarded-For} header, in the order received
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (blocks.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                return peer;
            }
            client = text(hop.get());
            if (!trusts(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean trusts(byte[] address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] network = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "telemetryflow.http.trusted-proxies: '" + entry + "' is not an IP address or CIDR block"));
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("telemetryflow.http.trusted-proxies: '" + entry + "' has a prefix length that is not 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new Block(network, prefix);
    }

    /** {@code [v6]:port}, {@code [v6]} and {@code v4:port} as just the address. */
    private static String withoutPort(String hop) {
        Matcher bracketed = BRACKETED.matcher(hop);
        if (bracketed.matches()) {
            return bracketed.group(1);
        }
        Matcher v4 = IPV4_WITH_PORT.matcher(hop);
        return v4.matches() ? v4.group(1) : hop;
    }

    /** The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as IPv4), or empty; never a DNS lookup. */
    static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(bytes);
        }
        if (text.indexOf(':') < 0 || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // a text with a colon that starts with a hex digit or a colon is parsed as an IPv6 literal: no lookup
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.length + " bytes", e);
        }
    }
}

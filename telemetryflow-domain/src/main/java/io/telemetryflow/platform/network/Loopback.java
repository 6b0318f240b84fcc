package io.telemetryflow.platform.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a configured host names this machine's loopback interface, judged from its text alone (no name is resolved):
 * {@code localhost}, an IPv4 address in 127.0.0.0/8, the IPv6 {@code ::1} or an IPv4-mapped 127.x address. Anything
 * else, {@code 0.0.0.0}, host names and unusual address forms included, may be reachable from elsewhere.
 */
public final class Loopback {

    private static final Pattern IPV4 = Pattern.compile(
            "(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");
    private static final int[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 1};
    private static final int[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0xffff};

    private Loopback() {
    }

    public static boolean is(String host) {
        if (host == null) {
            return false;
        }
        String text = host.strip().toLowerCase(Locale.ROOT);
        if (text.length() > 2 && text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.equals("localhost") || text.equals("localhost.")) {
            return true;
        }
        int[] ipv4 = ipv4(text);
        if (ipv4 != null) {
            return ipv4[0] == 127;
        }
        int zone = text.indexOf('%');
        int[] ipv6 = ipv6(zone < 0 ? text : text.substring(0, zone));
        return ipv6 != null && (Arrays.equals(ipv6, IPV6_LOOPBACK)
                || Arrays.equals(Arrays.copyOf(ipv6, 6), IPV4_MAPPED_PREFIX) && ipv6[6] >> 8 == 127);
    }

    /** The four octets of a dotted-quad IPv4 literal (no leading zeros, each at most 255), or null. */
    private static int[] ipv4(String text) {
        var matcher = IPV4.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = Integer.parseInt(matcher.group(i + 1));
            if (octets[i] > 255) {
                return null;
            }
        }
        return octets;
    }

    /** The eight 16-bit groups of an IPv6 literal (with at most one "::" and an optional trailing dotted quad), or null. */
    private static int[] ipv6(String text) {
        int gap = text.indexOf("::");   // a second "::" leaves an empty group in the tail, which is refused there
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
            return null;
        }
        int[] address = new int[8];
        System.arraycopy(head, 0, address, 0, head.length);
        System.arraycopy(tail, 0, address, 8 - tail.length, tail.length);
        return address;
    }

    /** Colon-separated hex groups; a dotted quad may end them only when {@code last} (it is two groups). */
    private static int[] groups(String text, boolean last) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] ipv4 = last ? ipv4(parts[parts.length - 1]) : null;
        int hexParts = ipv4 == null ? parts.length : parts.length - 1;
        int[] groups = new int[ipv4 == null ? parts.length : parts.length + 1];
        for (int i = 0; i < hexParts; i++) {
            if (!HEX_GROUP.matcher(parts[i]).matches()) {
                return null;
            }
            groups[i] = Integer.parseInt(parts[i], 16);
        }
        if (ipv4 != null) {
            groups[hexParts] = ipv4[0] << 8 | ipv4[1];
            groups[hexParts + 1] = ipv4[2] << 8 | ipv4[3];
        }
        return groups;
    }
}

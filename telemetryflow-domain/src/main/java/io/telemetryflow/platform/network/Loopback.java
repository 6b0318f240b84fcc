package io.telemetryflow.platform.network;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a configured host names this machine's loopback interface, judged from its text alone (no name is resolved):
 * {@code localhost}, an IPv4 address in 127.0.0.0/8, or the IPv6 {@code ::1}. Anything else, {@code 0.0.0.0} and host
 * names included, may be reachable from elsewhere.
 */
public final class Loopback {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_LOOPBACK = Pattern.compile("(0{1,4}:){7}0{0,3}1|(0{1,4}:){0,6}:0{0,3}1|::1");

    private Loopback() {
    }

    public static boolean is(String host) {
        if (host == null) {
            return false;
        }
        String text = host.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.equals("localhost") || IPV4_LOOPBACK.matcher(text).matches() || IPV6_LOOPBACK.matcher(text).matches();
    }
}

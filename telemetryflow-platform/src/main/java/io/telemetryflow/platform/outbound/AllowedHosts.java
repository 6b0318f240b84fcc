package io.telemetryflow.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator's allow-list ({@code telemetryflow.outbound.allowed-hosts}): comma-separated {@code host[:port]}
 * entries, IPv6 literals in brackets ({@code [fd00::5]:8443}). An entry naming a host opens that name (any port, or
 * the one given) whatever it resolves to; an entry naming an IP address opens that address, however the request
 * names it. Everything else must pass {@link AddressPolicy}.
 */
public final class AllowedHosts {

    private record Entry(String name, InetAddress address, int port) {

        boolean portMatches(int requested) {
            return port < 0 || port == requested;
        }
    }

    public static final AllowedHosts NONE = new AllowedHosts(List.of());

    private final List<Entry> entries;

    private AllowedHosts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the setting; a malformed entry is an {@link IllegalArgumentException} naming it. */
    public static AllowedHosts parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String text = raw.strip();
            if (!text.isEmpty()) {
                entries.add(entry(text));
            }
        }
        return new AllowedHosts(entries);
    }

    /** Whether the request's host name (as written in its URL) and port are opened by a name entry. */
    boolean allowsName(String host, int port) {
        String name = normalize(host);
        return entries.stream().anyMatch(e -> e.name() != null && e.name().equals(name) && e.portMatches(port));
    }

    /** Whether {@code address} and port are opened by an address entry. */
    boolean allowsAddress(InetAddress address, int port) {
        return entries.stream().anyMatch(e -> e.address() != null && e.address().equals(address) && e.portMatches(port));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static Entry entry(String text) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad(text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text);
                }
                port = rest.substring(1);
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text;   // a bare IPv6 literal: no port
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        int portNumber = port == null ? -1 : port(text, port);
        if (host.isEmpty()) {
            throw bad(text);
        }
        if (host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {   // an IP literal: read without DNS
            try {
                return new Entry(null, InetAddress.getByName(host), portNumber);
            } catch (UnknownHostException e) {
                throw bad(text);
            }
        }
        if (!host.matches("[A-Za-z0-9._-]+\\.?")) {
            throw bad(text);
        }
        return new Entry(normalize(host), null, portNumber);
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(entry);
    }

    static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("telemetryflow.outbound.allowed-hosts: '" + entry
                + "' is not host[:port] (IPv6 in brackets: [::1]:8080)");
    }
}

package dev.identity.gateway.login;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The unit a client is throttled as: an IPv4 address, or the /64 an IPv6 address is in (one host, a home or
 * a phone is handed a whole /64, so counting single IPv6 addresses would give it 2^64 fresh allowances).
 * Parsed by hand: {@code InetAddress} would resolve what is not a literal through DNS.
 */
final class ClientNetwork {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final int LONGEST = 64;

    private ClientNetwork() {}

    static String of(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (IPV4.matcher(literal).matches()) {
            return ipv4(literal);
        }
        int[] groups = ipv6(literal);
        if (groups == null) {
            // not an address (a misconfigured proxy header): still one client, but a bounded key
            return "other:" + (literal.length() > LONGEST ? literal.substring(0, LONGEST) : literal);
        }
        if (groups[0] == 0
                && groups[1] == 0
                && groups[2] == 0
                && groups[3] == 0
                && groups[4] == 0
                && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return String.format(Locale.ROOT, "%x:%x:%x:%x::/64", groups[0], groups[1], groups[2], groups[3]);
    }

    private static String ipv4(String literal) {
        String[] octets = literal.split("\\.");
        StringBuilder normalized = new StringBuilder();
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return "other:" + literal;
            }
            normalized.append(normalized.isEmpty() ? "" : ".").append(value);
        }
        return normalized.toString();
    }

    /** The eight 16-bit groups of an IPv6 literal (with an embedded IPv4 tail allowed), or null. */
    private static int[] ipv6(String literal) {
        if (literal.length() > 45 || !literal.contains(":") || literal.indexOf("::") != literal.lastIndexOf("::")) {
            return null;
        }
        String[] halves = literal.split("::", -1);
        int[] head = groups(halves[0]);
        int[] tail = halves.length == 2 ? groups(halves[1]) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.length - tail.length;
        if (halves.length == 1 ? missing != 0 : missing < 1) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        return all;
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        boolean ipv4Tail = IPV4.matcher(texts[texts.length - 1]).matches();
        int[] groups = new int[texts.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            if (i == texts.length - 1 && ipv4Tail) {
                String[] octets = text.split("\\.");
                int[] bytes = new int[4];
                for (int b = 0; b < 4; b++) {
                    bytes[b] = Integer.parseInt(octets[b]);
                    if (bytes[b] > 255) {
                        return null;
                    }
                }
                groups[i] = bytes[0] << 8 | bytes[1];
                groups[i + 1] = bytes[2] << 8 | bytes[3];
            } else {
                if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return null;
                }
                groups[i] = Integer.parseInt(text, 16);
            }
        }
        return groups;
    }
}

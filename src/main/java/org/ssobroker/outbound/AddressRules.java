package org.ssobroker.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved addresses the broker may connect to. Each refusal names its rule:
 * "10.0.0.5 is a private address".
 */
final class AddressRules {

    /** Cloud instance metadata (AWS, GCP, Azure, OpenStack; AWS over IPv6): never, whatever the flag says. */
    private static final Set<InetAddress> METADATA = Set.of(literal("169.254.169.254"), literal("fd00:ec2::254"));

    private AddressRules() {
    }

    /** @param allowPrivate {@code sso-broker.outbound.allow-private-addresses}: dev and test reach local fakes */
    static Optional<String> problem(InetAddress address, boolean allowPrivate) {
        InetAddress checked = embeddedIpv4(address).orElse(address);
        String text = address.getHostAddress();
        if (METADATA.contains(checked)) {
            return Optional.of(text + " is a cloud metadata address");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        if (checked.isAnyLocalAddress() || firstByte(checked) == 0 && checked instanceof Inet4Address) {
            return Optional.of(text + " is an unspecified address");
        }
        if (checked.isLoopbackAddress()) {
            return Optional.of(text + " is a loopback address");
        }
        if (checked.isLinkLocalAddress()) {
            return Optional.of(text + " is a link-local address");
        }
        if (checked.isMulticastAddress()) {
            return Optional.of(text + " is a multicast address");
        }
        if (isPrivate(checked)) {
            return Optional.of(text + " is a private address");
        }
        return Optional.empty();
    }

    /** RFC 1918, RFC 6598 shared space (carrier NAT, often cluster-internal), fc00::/7, the old fec0::/10. */
    private static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)
                    || (first == 100 && second >= 64 && second <= 127);
        }
        return (b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress();
    }

    /**
     * The IPv4 address an IPv6 one carries and would reach: IPv4-compatible (::a.b.c.d) and NAT64
     * (64:ff9b::/96). IPv4-mapped ones (::ffff:a.b.c.d) are already IPv4 in Java.
     */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean compatible = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]) && !address.isLoopbackAddress()
                && !address.isAnyLocalAddress();
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (!compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            return Optional.empty(); // four bytes are always a valid address
        }
    }

    private static int firstByte(InetAddress address) {
        return address.getAddress()[0] & 0xff;
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}

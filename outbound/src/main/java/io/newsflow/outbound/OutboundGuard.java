package io.newsflow.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The server-side request forgery guard every outbound request passes: a URL must be http(s),
 * without credentials, and every address its host resolves to must be a public unicast address,
 * so a caller cannot make Newsflow reach its own machine, its network or a cloud's metadata
 * service.
 *
 * <p>Refused: loopback, unspecified ({@code 0.0.0.0/8}, {@code ::}), private ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}), link-local ({@code 169.254/16} with
 * {@code 169.254.169.254}, {@code fe80::/10}), shared ({@code 100.64/10}), IETF and benchmarking
 * ({@code 192.0.0/24}, {@code 198.18/15}), reserved ({@code 240/4}) and multicast addresses, and
 * IPv6 forms that carry an IPv4 address (mapped, compatible, 6to4, NAT64, Teredo) whose IPv4
 * address is refused.
 *
 * <p>A guard that {@linkplain #OutboundGuard(boolean) allows private addresses} (local demos and
 * tests only) lets through loopback, private, unique-local and shared addresses and
 * {@code localhost} names, so a receiver or a feed served on the same machine or network can be
 * reached. It still refuses everything else above: link-local (the metadata service at
 * {@code 169.254.169.254} is never a demo's target), unspecified, reserved, multicast and Teredo
 * addresses, and the IPv6 forms of those IPv4 addresses.
 *
 * <p>The check is made where the connection is made: {@link #dnsResolver()} gives the HTTP client
 * only checked addresses, so there is no window between checking a name and connecting in which
 * its DNS answer could change (rebinding), and every redirect hop is resolved, so checked, again.
 * Written here because no maintained Java library does this for Apache HttpClient; the address
 * rules follow the IANA special-purpose registries.
 */
public final class OutboundGuard {

    /** Longest URL accepted, as browsers and servers commonly allow. */
    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivateAddresses;
    private final DnsResolver system;

    /**
     * @param allowPrivateAddresses let requests reach loopback, private ({@code 10/8},
     *                              {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}) and shared
     *                              ({@code 100.64/10}) addresses and {@code localhost}: only for local
     *                              demos and tests whose receiver or feed runs on the same machine.
     *                              Link-local and metadata, unspecified, reserved and multicast
     *                              addresses stay refused.
     */
    public OutboundGuard(boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, SystemDefaultDnsResolver.INSTANCE);
    }

    /** With another name resolver than the system's: for tests that need a name to resolve to a given address. */
    OutboundGuard(boolean allowPrivateAddresses, DnsResolver system) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.system = system;
    }

    /** The guard for production: nothing private. */
    public static OutboundGuard strict() {
        return new OutboundGuard(false);
    }

    public boolean allowsPrivateAddresses() {
        return allowPrivateAddresses;
    }

    /**
     * Checks what can be checked without resolving the host: scheme, credentials, length, and a
     * host given as an address or as a name that is always local ({@code localhost}).
     *
     * @return the parsed URL
     */
    public URI checkUrl(String url) throws OutboundRefusedException {
        if (url == null || url.isBlank()) {
            throw new OutboundRefusedException("the URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new OutboundRefusedException("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new OutboundRefusedException("the URL is not valid: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundRefusedException("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new OutboundRefusedException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefusedException("the URL must not carry credentials");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) { // "localhost." is localhost too
            host = host.substring(0, host.length() - 1);
        }
        if (!allowPrivateAddresses && (host.equals("localhost") || host.endsWith(".localhost"))) {
            throw new OutboundRefusedException("the URL's host is this machine");
        }
        InetAddress literal = literal(host);
        if (literal != null) {
            checkAddress(literal);
        }
        return uri;
    }

    /**
     * Refuses an address that is not public unicast; a guard that allows private addresses lets
     * loopback, private and shared ones through, never link-local, unspecified, reserved or
     * multicast ones.
     */
    public void checkAddress(InetAddress address) throws OutboundRefusedException {
        Refusal refusal = refusal(address);
        if (refusal != null && !(allowPrivateAddresses && refusal.privateUse())) {
            throw new OutboundRefusedException(address.getHostAddress() + " is " + refusal.reason());
        }
    }

    /**
     * Why an address may not be reached.
     *
     * @param privateUse the address is loopback, private, unique-local or shared (or an IPv6 form
     *                   of one): refused only by a guard that does not allow private addresses
     */
    record Refusal(String reason, boolean privateUse) {

        private static Refusal always(String reason) {
            return new Refusal(reason, false);
        }

        private static Refusal unlessPrivateAllowed(String reason) {
            return new Refusal(reason, true);
        }
    }

    /**
     * An address resolver for Apache HttpClient that returns a name's addresses only if every one
     * of them passes {@link #checkAddress}; one refused address refuses the name, so a DNS answer
     * mixing public and private addresses cannot be used to reach the private one.
     */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = system.resolve(host);
                for (InetAddress address : addresses) {
                    checkAddress(address);
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return system.resolveCanonicalHostname(host);
            }
        };
    }

    /** Why an address may not be reached, or null for a public unicast address. */
    static Refusal refusal(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return refusal4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        Inet6Address v6 = (Inet6Address) address;
        if (v6.isLoopbackAddress()) {
            return Refusal.unlessPrivateAllowed("a loopback address");
        }
        if (v6.isAnyLocalAddress()) {
            return Refusal.always("the unspecified address");
        }
        if (v6.isLinkLocalAddress() || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Refusal.always("a link-local address");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Refusal.unlessPrivateAllowed("a private (unique local) address");
        }
        if (v6.isMulticastAddress()) {
            return Refusal.always("a multicast address");
        }
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            Refusal refusal = refusal4(embedded);
            return refusal == null ? null : new Refusal("an IPv6 form of " + refusal.reason(), refusal.privateUse());
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return Refusal.always("a Teredo address");
        }
        return null;
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64), or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return new byte[] {b[12], b[13], b[14], b[15]}; // ::ffff:a.b.c.d and ::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]}; // 6to4, 2002:AABB:CCDD::/48
        }
        if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return new byte[] {b[12], b[13], b[14], b[15]}; // NAT64, 64:ff9b::/96
        }
        return null;
    }

    private static Refusal refusal4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return Refusal.always("an unspecified address");
        }
        if (b0 == 127) {
            return Refusal.unlessPrivateAllowed("a loopback address");
        }
        if (b0 == 10 || b0 == 172 && b1 >= 16 && b1 <= 31 || b0 == 192 && b1 == 168) {
            return Refusal.unlessPrivateAllowed("a private address");
        }
        if (b0 == 169 && b1 == 254) {
            return Refusal.always("a link-local address (cloud metadata services live here)");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return Refusal.unlessPrivateAllowed("a shared (carrier-grade NAT) address");
        }
        if (b0 == 192 && b1 == 0 && b2 == 0 || b0 == 198 && (b1 == 18 || b1 == 19)) {
            return Refusal.always("a reserved address");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Refusal.always("a multicast address");
        }
        if (b0 >= 240) {
            return Refusal.always("a reserved address");
        }
        return null;
    }

    /** The address a host written as an IP literal stands for, or null for a name. */
    private static InetAddress literal(String host) throws OutboundRefusedException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v6 = bare.indexOf(':') >= 0;
        boolean v4 = !bare.isEmpty() && bare.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        boolean numeric = bare.matches("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}");
        if (!v6 && !v4 && !numeric) {
            return null;
        }
        if (numeric && !bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            // 2130706433, 0x7f.1, 017700000001: forms some resolvers read as addresses
            throw new OutboundRefusedException("the URL's host is a numeric address in an unusual form");
        }
        try {
            return InetAddress.getByName(bare); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new OutboundRefusedException("the URL's host is not a valid address");
        }
    }
}

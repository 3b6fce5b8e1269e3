package dev.blackbox.query.subscriptions;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where subscriptions may deliver: http(s) URLs whose host resolves, and, unless private targets are
 * allowed, never to this host (loopback, any-local) or link-local addresses such as a cloud's
 * metadata service: a subscription must not be a way to make Blackbox reach what only it can reach.
 */
final class TargetUrls {

    private final boolean allowPrivate;

    TargetUrls(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL, checked; an {@link IllegalArgumentException} says why it may not be used. */
    URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("must name a host, and no user or password");
        }
        checkAddresses(uri.getHost());
        return uri;
    }

    /** Every address the host resolves to now: DNS may have changed since the subscription was made. */
    void checkAddresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("names a host that does not resolve: " + host);
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress address : addresses) {
            String refused = address.isLoopbackAddress() ? "a loopback address"
                    : address.isLinkLocalAddress() ? "a link-local address"
                    : address.isAnyLocalAddress() ? "the any-local address"
                    : address.isMulticastAddress() ? "a multicast address"
                    : null;
            if (refused != null) {
                throw new IllegalArgumentException("resolves to " + refused + " (" + address.getHostAddress()
                        + "), which is refused unless blackbox.subscriptions.allow-private-targets is true");
            }
        }
    }
}

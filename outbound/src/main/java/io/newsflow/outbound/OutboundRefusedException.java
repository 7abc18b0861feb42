package io.newsflow.outbound;

import java.net.UnknownHostException;

/**
 * The guard refused an outbound request. An {@link UnknownHostException} because that is what an
 * HTTP client's address resolver may throw: the refusal then fails the request like a host that
 * does not exist, before any connection is opened.
 */
public class OutboundRefusedException extends UnknownHostException {

    public OutboundRefusedException(String message) {
        super(message);
    }
}

package com.verdictdigest.web;

import com.verdictdigest.config.IpAddress;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The address of the client behind a request, for per-client limits. Behind a TLS proxy every
 * request comes from the proxy, so from a trusted proxy the client is read from X-Forwarded-For:
 * the last address in it that is not one of our proxies (each proxy appends the address it saw;
 * whatever the client itself wrote comes earlier and is not believed). From anyone else the header
 * is ignored, or any client could claim to be any other.
 */
final class ClientAddress {
    private final Set<String> trustedProxies;

    ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    String of(Context ctx) {
        String peer = IpAddress.canonical(ctx.ip()).orElse(ctx.ip());
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = Collections.list(ctx.req().getHeaders("X-Forwarded-For")).stream()
                .flatMap(header -> Arrays.stream(header.split(","))).map(String::strip).toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            Optional<String> hop = IpAddress.canonical(forwarded.get(i));
            if (hop.isEmpty()) {
                return peer; // a hop our proxy would not write: trust nothing before it
            }
            if (!trustedProxies.contains(hop.get())) {
                return hop.get();
            }
        }
        return peer;
    }
}

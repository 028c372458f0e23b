package com.verdictdigest.web;

import com.verdictdigest.config.IpAddress;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
                .flatMap(header -> Arrays.stream(header.split(","))).map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            // Some proxies write a port ("203.0.113.7:5678", "[2001:db8::1]:443") or "unknown":
            // the address without its port, or else the entry as written, still tells clients apart.
            String hop = IpAddress.canonical(withoutPort(forwarded.get(i))).orElse(forwarded.get(i));
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private static String withoutPort(String hop) {
        if (hop.startsWith("[") && hop.indexOf(']') > 0) {
            return hop.substring(1, hop.indexOf(']'));
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}

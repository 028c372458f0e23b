package com.verdictdigest.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N requests per client address in a sliding hour: stops one client from "subscription
 * bombing" (signing up many victims' addresses). In memory: a restart forgets, which is acceptable
 * for a limit measured in minutes.
 */
final class ClientRateLimiter {
    private final int perHour;
    private final Clock clock;
    private final Map<String, Deque<Long>> seen = new ConcurrentHashMap<>();

    ClientRateLimiter(int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    /**
     * The network a client address stands for: an IPv4 address itself, an IPv6 address its /64
     * (one subscriber line usually gets a whole /64, so its addresses are one client).
     */
    static String network(String client) {
        if (!client.contains(":")) {
            return client;
        }
        try {
            byte[] v6 = InetAddress.getByName(client).getAddress(); // a literal: no name is looked up
            return v6.length == 16 ? HexFormat.of().formatHex(v6, 0, 8) + "::/64" : client;
        } catch (UnknownHostException e) {
            return client;
        }
    }

    boolean allow(String client) {
        long now = clock.millis();
        long horizon = now - Duration.ofHours(1).toMillis();
        if (seen.size() > 100_000) {
            seen.values().removeIf(d -> d.isEmpty() || d.peekLast() < horizon);
        }
        Deque<Long> times = seen.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < horizon) {
                times.pollFirst();
            }
            if (times.size() >= perHour) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}

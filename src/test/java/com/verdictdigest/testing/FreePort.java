package com.verdictdigest.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A loopback port nothing listens on right now: for a server started later, or for a relay that is down. */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

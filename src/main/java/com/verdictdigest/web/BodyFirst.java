package com.verdictdigest.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads an unsubscribe POST's whole body, without holding a thread, before the request goes on to
 * wait for its turn (admission): a client that sends its body slowly then waits alone, and holds
 * no turn while it dribbles. The body is bounded by the size
 * limit in front and by a deadline for the whole body (408 after it). A deadline, not a minimum
 * rate: a rate measured from the request's start cuts off a short body that arrives a moment after
 * its headers (a busy server, a body in its own packet across the internet). The request goes on
 * with the bytes read, as if they had just arrived.
 */
final class BodyFirst extends Handler.Wrapper {
    private final int maxBytes;
    private final Duration deadline;
    private final ClientFaults clientFaults;

    BodyFirst(int maxBytes, Duration deadline, ClientFaults clientFaults, Handler next) {
        super(next);
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.clientFaults = clientFaults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!WebServer.unsubscribePost(request)) {
            return super.handle(request, response, callback);
        }
        Content.Source.asByteBufferAsync(request, maxBytes).orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((body, failure) -> {
            if (failure != null) {
                // Cut off half way, too slow or too large: the client's fault, one rate-limited line.
                int status = ClientFaults.status(failure).orElse(400);
                clientFaults.warn("POST /u/…", status, failure);
                Response.writeError(request, response, callback, status);
                return;
            }
            try {
                if (!super.handle(new ReadRequest(request, body), response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable x) {
                Response.writeError(request, response, callback, x);
            }
        });
        return true;
    }

    /** The request with its body already read: handed out once, then the end. */
    private static final class ReadRequest extends Request.Wrapper {
        private ByteBuffer body;

        ReadRequest(Request request, ByteBuffer body) {
            super(request);
            this.body = body;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (body == null) {
                return Content.Chunk.EOF;
            }
            Content.Chunk chunk = Content.Chunk.from(body, true);
            body = null;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}

package com.verdictdigest.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Loads one page (file, bundled resource, or http(s)) with a size cap and, over the network, a
 * time-out on the whole fetch: a hostile site can neither exhaust memory nor hang an import.
 */
public final class PageFetcher {
    private final CatalogConfig config;
    private final HttpClient http;

    public PageFetcher(CatalogConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public Document fetch(URL url) throws PageRejectedException {
        byte[] bytes = isHttp(url) ? fetchHttp(url) : fetchLocal(url);
        return Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), url.toString());
    }

    static boolean isHttp(URL url) {
        return url.getProtocol().equals("http") || url.getProtocol().equals("https");
    }

    private byte[] fetchLocal(URL url) throws PageRejectedException {
        try (InputStream in = url.openStream()) {
            return capped(in);
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new PageRejectedException("no such file");
        } catch (IOException e) {
            throw new PageRejectedException("cannot read: " + e.getMessage());
        }
    }

    private byte[] fetchHttp(URL url) throws PageRejectedException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url.toURI())
                    .timeout(config.fetchTimeout())
                    .header("Accept", "text/html")
                    .header("User-Agent", "VerdictDigest/0.1 (+catalog import)")
                    .GET().build();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new PageRejectedException("not a valid address");
        }
        CompletableFuture<byte[]> body = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    try (InputStream in = response.body()) {
                        if (response.statusCode() != 200) {
                            throw new FetchFailure("HTTP status " + response.statusCode());
                        }
                        return capped(in);
                    } catch (IOException e) {
                        throw new FetchFailure("read failed: " + e.getMessage());
                    } catch (PageRejectedException e) {
                        throw new FetchFailure(e.getMessage());
                    }
                });
        try {
            return body.get(config.fetchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.cancel(true);
            throw new PageRejectedException("no complete answer within "
                    + java.math.BigDecimal.valueOf(config.fetchTimeout().toMillis(), 3).stripTrailingZeros().toPlainString()
                    + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PageRejectedException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FetchFailure f) {
                throw new PageRejectedException(f.getMessage());
            }
            String reason = cause instanceof java.net.ConnectException ? "connection refused"
                    : cause instanceof java.net.http.HttpTimeoutException ? "timed out"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            throw new PageRejectedException("fetch failed: " + reason);
        }
    }

    private byte[] capped(InputStream in) throws IOException, PageRejectedException {
        byte[] bytes = in.readNBytes(config.maxPageBytes() + 1);
        if (bytes.length > config.maxPageBytes()) {
            throw new PageRejectedException("larger than catalog.max-page-bytes (" + config.maxPageBytes() + " bytes)");
        }
        return bytes;
    }

    /** Carries a readable reason out of the HTTP client's completion stage. */
    private static final class FetchFailure extends RuntimeException {
        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }
}

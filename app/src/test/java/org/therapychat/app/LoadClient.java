package org.therapychat.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.BufferingResponseListener;
import org.eclipse.jetty.client.util.StringContentProvider;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load generator's HTTP client: Jetty's asynchronous client over a bounded pool of
 * keep-alive connections, with no cookie store (every simulated participant sends its own
 * cookie). Cheap per request, so the generator leaves the 2 cores to the server it measures.
 */
final class LoadClient implements AutoCloseable {
    record Reply(int status, String body, List<String> setCookies) {
    }

    private final HttpClient http = new HttpClient();
    private final String base;

    LoadClient(String base, int connections) throws Exception {
        this.base = base;
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("load-client");
        threads.setDaemon(true);
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(connections);
        http.setMaxRequestsQueuedPerDestination(1 << 20);
        http.setCookieStore(new HttpCookieStore.Empty());
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        http.start();
    }

    CompletableFuture<Reply> get(String path) {
        return send(HttpMethod.GET, path, null, null);
    }

    /** A call as a participant's browser makes it: with its cookie (or none) and a JSON body (or none). */
    CompletableFuture<Reply> send(HttpMethod method, String path, String cookie, String json) {
        return send(method, path, HttpHeader.COOKIE, cookie, json, null);
    }

    /** ... from a client address of its own, as an instance that trusts its proxy reads it from X-Forwarded-For. */
    CompletableFuture<Reply> send(HttpMethod method, String path, String cookie, String forwardedFor, String json) {
        return send(method, path, HttpHeader.COOKIE, cookie, json, forwardedFor);
    }

    /** A call as an admin makes it: with the bearer token. */
    CompletableFuture<Reply> sendAsAdmin(HttpMethod method, String path, String token, String json) {
        return send(method, path, HttpHeader.AUTHORIZATION, "Bearer " + token, json, null);
    }

    private CompletableFuture<Reply> send(HttpMethod method, String path, HttpHeader credential, String value, String json,
                                          String forwardedFor) {
        Request request = http.newRequest(base + path).method(method).timeout(60, TimeUnit.SECONDS)
                .header("X-Requested-With", "load");
        if (forwardedFor != null) {
            request.header(HttpHeader.X_FORWARDED_FOR, forwardedFor);
        }
        if (value != null) {
            request.header(credential, value);
        }
        if (json != null) {
            request.content(new StringContentProvider("application/json", json, StandardCharsets.UTF_8));
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        request.send(new BufferingResponseListener(4 << 20) {
            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    reply.completeExceptionally(result.getFailure());
                } else {
                    reply.complete(new Reply(result.getResponse().getStatus(), getContentAsString(StandardCharsets.UTF_8),
                            result.getResponse().getHeaders().getValuesList(HttpHeader.SET_COOKIE)));
                }
            }
        });
        return reply;
    }

    @Override
    public void close() throws Exception {
        http.stop();
    }
}

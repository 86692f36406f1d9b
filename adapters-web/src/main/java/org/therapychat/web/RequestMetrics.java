package org.therapychat.web;

/**
 * Where each answered request is reported for metrics: its method, its route template (ids
 * replaced, so the number of series stays small), its status and how long it took. The app
 * plugs in Micrometer; the web adapter knows no metrics library.
 */
@FunctionalInterface
public interface RequestMetrics {
    RequestMetrics NONE = (method, route, status, nanos) -> {
    };

    void record(String method, String route, int status, long nanos);
}

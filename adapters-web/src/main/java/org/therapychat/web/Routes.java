package org.therapychat.web;

import spark.Service;

/** A group of endpoints; the app contributes each with a Guice multibinder. */
public interface Routes {
    void register(Service http, Web web);
}

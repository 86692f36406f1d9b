package org.therapychat.core.live;

/**
 * One open live connection of a user to one therapy session's chat (SPEC §3.2), as the web
 * adapter holds it. Calls never block: a socket that cannot keep up is the adapter's to close.
 */
public interface LiveListener {
    /**
     * Something this user may see was appended: tell the client to sync, or hand it the actions.
     * Called from the delivery's executor; must not block.
     *
     * @param wake the range and the actions this user may see in it
     */
    void wake(Wake wake);

    /**
     * The user may no longer listen here; the adapter closes the connection with this reason.
     * Called at most once per registration.
     *
     * @param reason which close code to send
     */
    void close(CloseReason reason);

    /** Why a live connection is closed by the server. */
    enum CloseReason {
        /** The login session ended: logout, expiry, a disabled user (close code 4401). */
        LOGGED_OUT,
        /** The user may no longer be in this chat: revoked, removed, left (close code 4403). */
        NOT_ALLOWED
    }
}

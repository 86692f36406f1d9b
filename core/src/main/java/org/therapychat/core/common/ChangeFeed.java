package org.therapychat.core.common;

/**
 * Changes to shared data, told to every app instance, so that each can keep what every poll
 * reads (login session, user, therapy session) in memory for long and still see another
 * instance's logout or revoke at once. Whoever writes one of these publishes its key after the
 * write committed; subscribers drop what they kept under it.
 */
public interface ChangeFeed {
    enum Topic {
        AUTH_SESSION, USER, THERAPY_SESSION,
        /** An action was appended: the key is {@code "<therapy session id> <action id>"}. */
        ACTION_LOG
    }

    interface Subscriber {
        /** Another instance (or this one) changed what {@code key} names. */
        void changed(String key);

        /** Changes may have gone unheard (the feed was down): drop everything. */
        void forgetAll();
    }

    void subscribe(Topic topic, Subscriber subscriber);

    /** Tells every instance that {@code key} changed; call after the change committed. */
    void publish(Topic topic, String key);

    /**
     * Whether every change published elsewhere reaches this instance now. While not, caches
     * fall back to their short lifetimes.
     */
    boolean live();
}

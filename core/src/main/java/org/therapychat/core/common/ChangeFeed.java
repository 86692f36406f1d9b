package org.therapychat.core.common;

/**
 * Changes to shared data, told to every app instance, so that each can keep what every poll
 * reads (login session, user, therapy session) in memory for long and still see another
 * instance's logout or revoke at once. Whoever writes one of these publishes its key after the
 * write committed; subscribers drop what they kept under it.
 */
public interface ChangeFeed {
    /** What kind of data a published key names. */
    enum Topic {
        /** A login session; the key is its token's {@link SecretToken#digest()}. */
        AUTH_SESSION,
        /** A user record; the key is the user id. */
        USER,
        /** A therapy session's metadata or membership; the key is the therapy session id. */
        THERAPY_SESSION,
        /** An action was appended: the key is {@code "<therapy session id> <action id>"}. */
        ACTION_LOG
    }

    /** Receives the keys published on one topic. */
    interface Subscriber {
        /**
         * Another instance (or this one) changed what {@code key} names.
         *
         * @param key the published key, in the topic's own notation
         */
        void changed(String key);

        /** Changes may have gone unheard (the feed was down): drop everything. */
        void forgetAll();
    }

    /**
     * Registers {@code subscriber} for every later change on {@code topic}.
     *
     * @param topic what the subscriber wants to hear about
     * @param subscriber told of each change, and to forget everything when changes may have been missed
     */
    void subscribe(Topic topic, Subscriber subscriber);

    /**
     * Tells every instance that {@code key} changed; call after the change committed.
     *
     * @param topic what kind of data changed
     * @param key names the changed item, in the topic's notation
     */
    void publish(Topic topic, String key);

    /**
     * Whether every change published elsewhere reaches this instance now. While not, caches
     * fall back to their short lifetimes.
     *
     * @return {@code true} while the feed is connected and nothing may have been missed
     */
    boolean live();
}

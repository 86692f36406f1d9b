package org.therapychat.core.login;

/**
 * Turns what a person typed into an E.164 number. Core ships a strict parser; the app plugs in
 * one backed by libphonenumber, which knows every region's dialling rules (core stays free of
 * non-JDK code, so that rule table lives in an adapter).
 */
@FunctionalInterface
public interface PhoneNumberParser {
    /**
     * The E.164 form of a typed number.
     *
     * @param typed the phone as the user typed it, in any common notation
     * @return the number
     * @throws org.therapychat.core.common.DomainException.ValidationFailed naming {@code phone}
     */
    PhoneNumber parse(String typed);
}

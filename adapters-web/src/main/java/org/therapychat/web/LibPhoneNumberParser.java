package org.therapychat.web;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.PhoneNumberParser;

/** What people type, in national or international form, to E.164 with Google's libphonenumber. */
public final class LibPhoneNumberParser implements PhoneNumberParser {
    private static final int MAX_TYPED = 40;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public LibPhoneNumberParser(String defaultRegion) {
        if (!util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
    }

    @Override
    public PhoneNumber parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new ValidationFailed("phone", "phone is required");
        }
        if (typed.length() > MAX_TYPED) {
            throw invalid();
        }
        try {
            var number = util.parse(typed, defaultRegion);
            if (!util.isValidNumber(number)) {
                throw invalid();
            }
            return new PhoneNumber(util.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ValidationFailed invalid() {
        return new ValidationFailed("phone", "That does not look like a phone number.");
    }
}

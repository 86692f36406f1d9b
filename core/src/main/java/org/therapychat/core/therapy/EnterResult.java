package org.therapychat.core.therapy;

/** The outcome of entering: in the chat, or waiting for a therapist to admit the participant. */
public enum EnterResult {
    ENTERED, WAITING_FOR_ADMISSION
}

package org.therapychat.core.therapy;

/** The outcome of entering: in the chat, or waiting for a therapist to admit the participant. */
public enum EnterResult {
    /** The member is in the chat. */
    ENTERED,
    /** The participant waits for a therapist to admit them; nothing changed yet. */
    WAITING_FOR_ADMISSION
}

package org.therapychat.core.chat;

import org.therapychat.core.common.ActionId;

/** The id an append got; {@code duplicate} when it matched an earlier action and stored nothing new. */
public record Appended(ActionId id, boolean duplicate) {
}

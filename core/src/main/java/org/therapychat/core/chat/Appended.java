package org.therapychat.core.chat;

import org.therapychat.core.common.ActionId;

/**
 * The id an append got; {@code duplicate} when it matched an earlier action and stored nothing new.
 *
 * @param id the stored action's id (the earlier one's for a duplicate)
 * @param duplicate whether it was a resend, or a reaction or read already recorded
 */
public record Appended(ActionId id, boolean duplicate) {
}

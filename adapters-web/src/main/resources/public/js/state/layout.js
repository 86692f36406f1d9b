// How a conversation's items are laid out: day dividers, consecutive messages of one sender
// grouped, runs of notices folded into one line.

const GROUP_GAP_MS = 5 * 60 * 1000;

/** The local calendar day of an instant, as a key (cheap: no Intl formatter per message). */
export function localDay(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** The UTC calendar day of an instant, as a key. */
export function utcDay(iso) {
  return iso.slice(0, 10);
}

/**
 * Rows to render, in order: {kind:'day', day}, {kind:'notices', items:[…]}, or
 * {kind:'message', item, first} where `first` starts a group (show the sender's name).
 */
export function layoutRows(items, dayOf = localDay) {
  const rows = [];
  let day = null;
  let previous = null;
  for (const item of items) {
    const itemDay = dayOf(item.timestamp);
    if (itemDay !== day) {
      rows.push({ kind: 'day', day: itemDay, timestamp: item.timestamp });
      day = itemDay;
      previous = null;
    }
    if (item.type === 'notice') {
      const last = rows[rows.length - 1];
      if (last.kind === 'notices') last.items.push(item);
      else rows.push({ kind: 'notices', items: [item] });
      previous = null;
      continue;
    }
    const first = !previous || previous.user !== item.user
      || Date.parse(item.timestamp) - Date.parse(previous.timestamp) > GROUP_GAP_MS || Boolean(item.target);
    rows.push({ kind: 'message', item, first });
    previous = item;
  }
  return rows;
}

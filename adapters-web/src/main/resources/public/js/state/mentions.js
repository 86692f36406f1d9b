// @mentions as plain functions: what the composer offers, and how a body is shown with them.

/** The mention being typed at `caret`: `@` at a word start and what follows, or null. */
export function mentionQuery(text, caret) {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s|[(\[{"']/.test(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /\n/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

/** Members whose display name starts with (then contains) the query, case-insensitively; not me. */
export function matchMembers(members, query, myId) {
  const q = query.toLocaleLowerCase();
  const others = members.filter((m) => m.id !== myId);
  const starts = others.filter((m) => m.displayName.toLocaleLowerCase().startsWith(q));
  const contains = others.filter((m) => !starts.includes(m) && m.displayName.toLocaleLowerCase().includes(q));
  return [...starts, ...contains].slice(0, 8);
}

/** The text with the query replaced by `@Name ` and where the caret goes after it. */
export function applyMention(text, mention, caret, name) {
  const inserted = `@${name} `;
  return { text: text.slice(0, mention.start) + inserted + text.slice(caret), caret: mention.start + inserted.length };
}

/**
 * A body cut into text segments, the `@Name` of each mentioned member marked (and whether it is
 * me), matching the server's rule: case-insensitive, longest name first, not followed by a
 * letter or digit. Segments are plain strings: the view renders them as text.
 */
export function segments(body, mentionIds, members, myId) {
  if (!body) return [];
  const named = members.filter((m) => (mentionIds || []).includes(m.id))
    .sort((a, b) => b.displayName.length - a.displayName.length);
  if (named.length === 0) return [{ text: body }];
  const lower = body.toLocaleLowerCase();
  const out = [];
  let plain = 0;
  let i = 0;
  while (i < body.length) {
    const hit = body[i] === '@' && named.find((m) => {
      const name = m.displayName.toLocaleLowerCase();
      const end = i + 1 + name.length;
      return lower.startsWith(name, i + 1) && !/[\p{L}\p{N}]/u.test(body.charAt(end));
    });
    if (hit) {
      if (i > plain) out.push({ text: body.slice(plain, i) });
      const end = i + 1 + hit.displayName.length;
      out.push({ text: body.slice(i, end), mention: hit.id, me: hit.id === myId });
      i = end;
      plain = end;
    } else {
      i += 1;
    }
  }
  if (plain < body.length) out.push({ text: body.slice(plain) });
  return out;
}
